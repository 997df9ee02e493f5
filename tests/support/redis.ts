// A throwaway Redis server for in-process tests: the cluster scripts' own, on a free port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis as startRedisService, type RedisHandle } from '../../scripts/cluster/redis.js';
import { findProgram } from '../../scripts/cluster/service.js';
import { freePort } from './appProcess.js';

/** Whether Debian's redis-server is installed here. */
export const hasRedis = () => findProgram('redis-server') !== null;

/** Starts redis-server on a free loopback port; `stop` also removes its folder. */
export async function startRedis(): Promise<RedisHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'openfloor-redis-'));
  const redis = await startRedisService({ port: await freePort(), dir });
  const stop = redis.stop.bind(redis);
  return Object.assign(redis, {
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
