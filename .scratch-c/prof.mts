import { createEngine } from '../test/sandbox/engine/index.ts';
import { seedDemo } from '../test/sandbox/seed/demo.ts';
import { makeNodes } from '../test/sandbox/astra/topology.ts';
const e = createEngine({ astra: true });
const nodes = makeNodes(3, 'dc-1');
const t = Date.now();
seedDemo(e, { node: nodes[0], peers: nodes.slice(1), clusterName: 'x', keyspace: null, consistency: 6, astra: false });
console.log('seed ms', Date.now() - t);
