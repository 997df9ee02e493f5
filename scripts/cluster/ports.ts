// Loopback ports: whether something answers on one, and whether one is free to take.
import { connect, createServer } from 'node:net';
import { freePort } from '../../tests/support/appProcess.js';

export { freePort };

/** Whether something accepts TCP connections on 127.0.0.1:port right now. */
export function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether this process could listen on 127.0.0.1:port (false when anything holds it). */
export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** `count` distinct ports free right now (for tests: nothing else runs in their network namespace). */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** A free port whose next port is free too (LiveKit takes both: signal, then RTC over TCP). */
export async function freePortPair(taken: number[] = []): Promise<number> {
  for (;;) {
    const port = await freePort();
    const clash = [port, port + 1].some((p) => taken.includes(p));
    if (!clash && port < 65535 && (await portFree(port + 1))) return port;
  }
}
