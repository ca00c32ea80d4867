import { createPki } from '/work/main/test/sandbox/astra/certs.ts';
import tls from 'node:tls';
const t = Date.now(); const p = createPki(); console.log('ms', Date.now()-t);
const srv = tls.createServer({ cert: p.server.cert, key: p.server.key, ca: p.caCert, requestCert: true, rejectUnauthorized: true }, s => { console.log('server got', s.servername, s.authorized); s.end('hi'); });
srv.listen(0, '127.0.0.1', () => {
  const port = (srv.address() as any).port;
  const c = tls.connect({ port, host: '127.0.0.1', ca: p.caCert, cert: p.client.cert, key: p.client.key, servername: 'abc', checkServerIdentity: () => undefined }, () => { console.log('client ok', c.authorized); });
  c.on('data', d => { console.log('data', d.toString()); c.end(); 
    const c2 = tls.connect({ port, host: '127.0.0.1', ca: p.caCert, cert: p.foreignClient.cert, key: p.foreignClient.key, checkServerIdentity: () => undefined }, () => console.log('foreign connected?!'));
    c2.on('error', e => { console.log('foreign err', e.message); srv.close(); });
    c2.on('close', () => srv.close());
  });
  c.on('error', e => console.log('err', e));
});
