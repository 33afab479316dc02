// Why: the tier's servers (PostgreSQL, Odoo's HTTP and gevent ports, the TLS front) must
// not collide with anything else on the machine, so each takes a loopback port the OS
// just handed out as free.
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}
