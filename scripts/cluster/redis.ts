// Redis for a local cluster: the bus that carries Socket.IO broadcasts between OpenFloor nodes (and
// LiveKit's node registry). Loopback only, nothing saved to disk: a restart starts it empty, as a
// Redis without persistence does.
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { findProgram, startService, type Service } from './service.js';

export interface RedisOptions {
  port: number;
  /** The folder for its log (and its working directory). */
  dir: string;
}

export interface RedisHandle extends Service {
  port: number;
  /** redis://127.0.0.1:PORT */
  url: string;
}

/** Whether Redis answers PING on the port. */
async function answersPing(port: number): Promise<boolean> {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function startRedis({ port, dir }: RedisOptions): Promise<RedisHandle> {
  const binary = findProgram('redis-server');
  if (!binary) throw new Error("redis-server is not installed: install Debian's redis-server package.");
  // `save ''` and no append-only file: nothing is written, and a restart starts from nothing.
  const argv = [binary, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const service = await startService({
    name: `redis on ${port}`,
    argv: [...argv, '--dir', dir],
    cwd: dir,
    logPath: join(dir, 'redis.log'),
    ready: () => answersPing(port),
  });
  return Object.assign(service, { port, url: `redis://127.0.0.1:${port}` });
}
