"""Connects the Python driver (python3-cassandra) through a secure connect bundle, as to Astra, and prints one
JSON object describing what it saw. Usage: cloud-python.py <bundle> <token> <keyspace> [connect|guardrails|wrong-token|bad-zip|metadata-error]"""
import json
import sys

from cassandra.auth import PlainTextAuthProvider
from cassandra import ConsistencyLevel
from cassandra.cluster import Cluster, NoHostAvailable
from cassandra.query import SimpleStatement


def refusals(session, keyspace):
    """What Astra refuses: a write at ONE, and keyspace DDL. None where the server accepted the statement."""
    weak = SimpleStatement("INSERT INTO %s.py_kv (k, n) VALUES ('one', 1)" % keyspace, consistency_level=ConsistencyLevel.ONE)
    ddl = "CREATE KEYSPACE py_elsewhere WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}"
    out = {}
    for name, statement in (('weak_write', weak), ('keyspace_ddl', ddl)):
        try:
            session.execute(statement)
            out[name] = None
        except Exception as e:
            out[name] = type(e).__name__ + ': ' + str(e)
    return out


def main():
    bundle, token, keyspace, scenario = sys.argv[1], sys.argv[2], sys.argv[3], (sys.argv[4:] or ['connect'])[0]
    cloud = {'secure_connect_bundle': bundle, 'use_default_tempdir': True, 'connect_timeout': 3}
    out = {'scenario': scenario}
    cluster = None
    try:
        cluster = Cluster(cloud=cloud, auth_provider=PlainTextAuthProvider('token', token), protocol_version=4)
        session = cluster.connect()
        meta = cluster.metadata
        out['cluster_name'] = meta.cluster_name
        out['hosts'] = sorted(str(h.host_id) for h in meta.all_hosts())
        out['datacenters'] = sorted({h.datacenter for h in meta.all_hosts()})
        out['keyspaces'] = sorted(meta.keyspaces.keys())
        session.execute('CREATE TABLE IF NOT EXISTS %s.py_kv (k text PRIMARY KEY, n bigint, tags set<text>)' % keyspace)
        insert = session.prepare('INSERT INTO %s.py_kv (k, n, tags) VALUES (?, ?, ?)' % keyspace)
        session.execute(insert, ('big', 9223372036854775807, {'a', 'b'}))
        row = session.execute('SELECT k, n, tags FROM %s.py_kv WHERE k = %%s' % keyspace, ('big',)).one()
        out['row'] = {'k': row.k, 'n': str(row.n), 'tags': sorted(row.tags)}
        out['default_consistency'] = session.default_consistency_level
        out['release_version'] = session.execute('SELECT release_version FROM system.local').one().release_version
        table = meta.keyspaces[keyspace].tables.get('py_kv')
        out['py_kv_columns'] = sorted(table.columns.keys()) if table else None
        if scenario == 'guardrails':
            out['refused'] = refusals(session, keyspace)
        out['ok'] = True
    except NoHostAvailable as e:
        out['ok'] = False
        out['error_class'] = type(e).__name__
        out['inner'] = sorted({type(v).__name__ + ': ' + str(v) for v in e.errors.values()})
        out['error'] = str(e)
    except Exception as e:  # the test asserts on class name and text
        out['ok'] = False
        out['error_class'] = type(e).__name__
        out['error'] = str(e)
    finally:
        if cluster is not None:
            cluster.shutdown()
    print(json.dumps(out))


if __name__ == '__main__':
    main()
