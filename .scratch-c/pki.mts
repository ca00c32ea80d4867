import { createPki } from '../test/sandbox/astra/certs.ts';
const t = Date.now(); await createPki(); console.log('pki', Date.now() - t);
