import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionProfile } from '../../src/extension/connections/types.js';
import { connectionSnippet, SNIPPET_LANGUAGES } from '../../src/extension/connections/snippets.js';

const bundle: ConnectionProfile = {
  id: 'p1',
  name: 'prod',
  kind: 'bundle',
  bundlePath: '/home/me/.config/Code/globalStorage/bundles/p1.zip',
  host: 'db.example',
  defaultKeyspace: 'app',
  authKind: 'token',
};
const cluster: ConnectionProfile = {
  id: 'p2',
  name: 'local',
  kind: 'contactPoints',
  contactPoints: ['10.0.0.1', '10.0.0.2'],
  port: 9142,
  localDataCenter: 'dc1',
  username: 'cassandra',
  useTls: true,
};

test('Python snippet uses the bundle, PlainTextAuthProvider and the token env var', () => {
  const code = connectionSnippet(bundle, 'python');
  assert.match(code, /Cluster\(\n {4}cloud=\{'secure_connect_bundle': "\/home\/me\/.config\/Code\/globalStorage\/bundles\/p1\.zip"\}/);
  assert.match(code, /auth_provider=PlainTextAuthProvider\("token", os\.environ\["ASTRA_DB_APPLICATION_TOKEN"\]\)/);
  assert.match(code, /session = cluster\.connect\("app"\)/);
  assert.match(code, /^import os$/m);
});

test('cqlengine snippet is connection.setup(None, keyspace, cloud=…, auth_provider=…)', () => {
  const code = connectionSnippet(bundle, 'python-cqlengine');
  assert.match(code, /connection\.setup\(\n {4}None, "app",\n {4}cloud=\{'secure_connect_bundle': "[^"]+"\},\n {4}auth_provider=PlainTextAuthProvider\(/);
  assert.match(code, /from cassandra\.cqlengine import connection/);
});

test('Node.js and Java snippets read the token from the environment', () => {
  const node = connectionSnippet(bundle, 'nodejs');
  assert.match(node, /cloud: \{ secureConnectBundle: "[^"]+p1\.zip" \}/);
  assert.match(node, /credentials: \{ username: "token", password: process\.env\.ASTRA_DB_APPLICATION_TOKEN \}/);
  assert.match(node, /keyspace: "app"/);
  const java = connectionSnippet(bundle, 'java');
  assert.match(java, /\.withCloudSecureConnectBundle\(Paths\.get\("[^"]+p1\.zip"\)\)/);
  assert.match(java, /\.withAuthCredentials\("token", System\.getenv\("ASTRA_DB_APPLICATION_TOKEN"\)\)/);
  assert.match(java, /\.withKeyspace\("app"\)/);
});

test('client id/secret profiles read both from the environment', () => {
  const p: ConnectionProfile = { ...bundle, authKind: 'clientId' } as ConnectionProfile;
  assert.match(connectionSnippet(p, 'python'), /PlainTextAuthProvider\(os\.environ\["ASTRA_DB_CLIENT_ID"\], os\.environ\["ASTRA_DB_CLIENT_SECRET"\]\)/);
  assert.match(connectionSnippet(p, 'nodejs'), /username: process\.env\.ASTRA_DB_CLIENT_ID, password: process\.env\.ASTRA_DB_CLIENT_SECRET/);
  assert.match(connectionSnippet(p, 'java'), /withAuthCredentials\(System\.getenv\("ASTRA_DB_CLIENT_ID"\), System\.getenv\("ASTRA_DB_CLIENT_SECRET"\)\)/);
});

test('contact-point snippets carry hosts, port, DC, TLS, and the password env var', () => {
  const py = connectionSnippet(cluster, 'python');
  assert.match(py, /contact_points=\["10\.0\.0\.1", "10\.0\.0\.2"\]/);
  assert.match(py, /port=9142/);
  assert.match(py, /DCAwareRoundRobinPolicy\(local_dc="dc1"\)/);
  assert.match(py, /ssl_context=ssl\.create_default_context\(\)/);
  assert.match(py, /PlainTextAuthProvider\("cassandra", os\.environ\["CASSANDRA_PASSWORD"\]\)/);
  assert.doesNotMatch(py, /cloud=/);
  const eng = connectionSnippet(cluster, 'python-cqlengine');
  assert.match(eng, /connection\.setup\(\n {4}\["10\.0\.0\.1", "10\.0\.0\.2"\], "my_keyspace",\n {4}port=9142/);
  const node = connectionSnippet(cluster, 'nodejs');
  assert.match(node, /contactPoints: \["10\.0\.0\.1", "10\.0\.0\.2"\]/);
  assert.match(node, /protocolOptions: \{ port: 9142 \}/);
  const java = connectionSnippet(cluster, 'java');
  assert.equal(java.match(/addContactPoint\(new InetSocketAddress\("10\.0\.0\.\d", 9142\)\)/g)?.length, 2);
  assert.match(java, /withLocalDatacenter\("dc1"\)/);
});

test('no snippet ever contains a secret-looking literal, and Windows paths stay valid string literals', () => {
  const win: ConnectionProfile = { ...bundle, bundlePath: 'C:\\Users\\me\\b "1".zip' } as ConnectionProfile;
  for (const { id } of SNIPPET_LANGUAGES) {
    const code = connectionSnippet(win, id);
    assert.doesNotMatch(code, /AstraCS:/);
    assert.ok(code.includes('"C:\\\\Users\\\\me\\\\b \\"1\\".zip"'), `${id} escapes the path`);
  }
});
