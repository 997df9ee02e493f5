import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logCounts } from '../../server/log.js';
import { CLIENT_DIR } from '../../server/web.js';
import { COMMAND_NAMES } from '../../shared/commands.js';
import { REASONS } from '../../shared/protocol.js';
import type { InviteRole } from '../../shared/roles.js';
import { joinAs, startTestServer, type TestClient, type TestServer } from '../support/server.js';
import { anyHttpRequest, anyPayloadArgs, type HttpCase, type KnownIds } from '../support/fuzzArbitraries.js';

// Generated input, as an attacker would send it, against every socket command and HTTP route
// (server/policy/SPEC.md, K1): everything is answered, nothing is logged at error level, and input
// that is refused changes nothing. Seeded; FUZZ_SCALE=10 for a run ten times larger, FUZZ_SEED to
// replay another seed.
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const SOCKET_RUNS = 7000 * SCALE;
const HTTP_RUNS = 3000 * SCALE;
const ACK_TIMEOUT_MS = 2000;
const CLIENT_BUILT = existsSync(join(CLIENT_DIR, 'index.html'));
const REASON_VALUES: string[] = Object.values(REASONS);
const ROLES: InviteRole[] = ['moderator', 'interpreter', 'captioner', 'speaker', 'attendee'];
// Emitting these from a client is refused by socket.io-client itself.
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];

/** Everything the store holds, to compare before and after a refused input. */
async function snapshot(server: TestServer): Promise<string> {
  const tables = [
    'sessions',
    'invites',
    'queues',
    'registrations',
    'caption_lines',
    'caption_ingest',
    'caption_tracks',
    'turns',
  ];
  const db = server.db as unknown as {
    selectFrom(t: string): { selectAll(): { execute(): Promise<unknown[]> } };
  };
  const rows = await Promise.all(tables.map((t) => db.selectFrom(t).selectAll().execute()));
  return JSON.stringify(rows);
}

/** Fails with the place where the store changed, not two screens of JSON. */
function expectUnchanged(before: string, after: string, what: string) {
  if (before === after) return;
  let i = 0;
  while (before[i] === after[i]) i++;
  const around = (s: string) => s.slice(Math.max(0, i - 150), i + 150);
  expect.fail(`${what} changed the store:\n  before …${around(before)}…\n  after  …${around(after)}…`);
}

interface World {
  sessionId: string;
  sockets: Record<InviteRole, TestClient>;
  ids: string[];
}

/** A live session with one joined socket per role; made again whenever a fuzzed command ends it. */
async function makeWorld(server: TestServer): Promise<World> {
  const { id: sessionId } = await server.createSession();
  const sockets = {} as Record<InviteRole, TestClient>;
  const ids: string[] = [];
  for (const role of ROLES) {
    const joined = await joinAs(server, sessionId, role, `Fuzz ${role}`);
    sockets[role] = joined.socket;
    ids.push(joined.id);
  }
  return { sessionId, sockets, ids };
}

/** Whether the session is over or one of its sockets closed (or is about to: its link was revoked). */
async function worldClosed(server: TestServer, world: World): Promise<boolean> {
  if (Object.values(world.sockets).some((s) => !s.connected)) return true;
  const session = await server.db
    .selectFrom('sessions')
    .select('status')
    .where('id', '=', world.sessionId)
    .executeTakeFirst();
  if (!session || session.status === 'ended' || session.status === 'cancelled') return true;
  const revoked = await server.db
    .selectFrom('invites')
    .select('id')
    .where('id', 'in', world.ids)
    .where('revoked_at', 'is not', null)
    .execute();
  return revoked.length > 0;
}

function emit(socket: TestClient, event: string, args: unknown[]): Promise<unknown> {
  const timed = socket.timeout(ACK_TIMEOUT_MS) as unknown as {
    emitWithAck(e: string, ...a: unknown[]): Promise<unknown>;
  };
  return timed.emitWithAck(event, ...args).catch((err: unknown) => ({ noAnswer: String(err) }));
}

function isAck(value: unknown): value is { ok: boolean; reason?: string; message?: string } {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; reason?: unknown; message?: unknown };
  if (v.ok === true) return true;
  return v.ok === false && REASON_VALUES.includes(String(v.reason)) && typeof v.message === 'string';
}

describe('fuzzing every socket command', () => {
  let server: TestServer;
  let world: World;
  beforeAll(async () => {
    // The clock stands still and the timer does not run (a warning time raised past the time left
    // would fire at its next tick), so nothing but the command changes the store between snapshots.
    server = await startTestServer({
      commandsPerSecond: 1_000_000,
      timerTickMs: 2 ** 31 - 1,
      now: new Date('2026-11-30T15:00:00Z'),
    });
    world = await makeWorld(server);
  });
  afterAll(() => server.stop());

  it(
    `K1 answers ${SOCKET_RUNS} generated commands within 2 s; a refusal changes nothing; no error is logged`,
    { timeout: 180_000 * SCALE },
    async () => {
      const errorsBefore = logCounts.errors;
      const outcomes = new Map<string, number>();
      const events = [...COMMAND_NAMES, 'room:leave', 'queue:', '__proto__', 'constructor'];
      const commandCase = fc.constantFrom(...events).chain((event) =>
        fc.record({
          role: fc.constantFrom(...ROLES),
          event: fc.constant(event),
          args: anyPayloadArgs(event, () => world.ids),
        }),
      );
      await fc.assert(
        fc.asyncProperty(commandCase, async ({ role, event, args }) => {
          if (RESERVED.includes(event)) return;
          const socket = world.sockets[role];
          const before = await snapshot(server);
          const answer = await emit(socket, event, args);
          expect(isAck(answer), `answer to ${event} ${JSON.stringify(args)}: ${JSON.stringify(answer)}`).toBe(
            true,
          );
          if (isAck(answer) && !answer.ok)
            expectUnchanged(before, await snapshot(server), `${event} refused`);
          const outcome =
            isAck(answer) && answer.ok ? `${event} ok` : `refused ${(answer as { reason: string }).reason}`;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          // An accepted "end" closes everything: carry on in a fresh session. The close follows
          // the answer a turn of the server's loop later, so the store says it first.
          if (await worldClosed(server, world)) world = await makeWorld(server);
        }),
        { seed: SEED, numRuns: SOCKET_RUNS, endOnFailure: true },
      );
      expect(logCounts.errors - errorsBefore).toBe(0);
      // The input reached the handlers, not only the schemas: most commands were accepted some of the time.
      const accepted = COMMAND_NAMES.filter((e) => outcomes.has(`${e} ok`));
      console.log('fuzz: socket outcomes', Object.fromEntries([...outcomes].sort()));
      expect(accepted.length).toBeGreaterThanOrEqual(COMMAND_NAMES.length / 2);
    },
  );
});

describe('fuzzing every HTTP route', () => {
  let server: TestServer;
  let known: KnownIds;
  beforeAll(async () => {
    server = await startTestServer({
      apiRequestsPerMinute: 1_000_000,
      now: new Date('2026-11-30T15:00:00Z'),
    });
    const sessionIds: string[] = [];
    const inviteIds: string[] = [];
    const tokens: string[] = [];
    for (const status of ['scheduled', 'lobby', 'live'] as const) {
      const { id } = await server.createSession({}, status);
      sessionIds.push(id);
      for (const role of ['captioner', 'attendee'] as const) {
        const invite = await server.invite(id, role, `Fuzz ${role}`);
        inviteIds.push(invite.id);
        tokens.push(invite.token);
      }
    }
    known = { sessionIds, inviteIds, tokens };
  });
  afterAll(() => server.stop());

  it(
    `K1 answers ${HTTP_RUNS} generated requests without a 5xx; a refusal changes nothing; no error is logged`,
    { timeout: 180_000 * SCALE },
    async () => {
      const errorsBefore = logCounts.errors;
      const openapi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
        paths: Record<string, Record<string, unknown>>;
      };
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          anyHttpRequest(openapi.paths, () => known),
          async (request: HttpCase) => {
            const before = await snapshot(server);
            const res = await fetch(`${server.url}${request.path}`, {
              method: request.method,
              headers: request.headers,
              body: request.body,
              redirect: 'manual',
            });
            await res.arrayBuffer();
            const what = `${request.method} ${request.path} -> ${res.status}`;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            // A page before `npm run build` says so with a 503 (npm test builds the client later).
            const unbuiltPage = res.status === 503 && !CLIENT_BUILT && !request.path.startsWith('/api/');
            if (!unbuiltPage) expect(res.status, what).toBeLessThan(500);
            if (res.status >= 400) expectUnchanged(before, await snapshot(server), what);
          },
        ),
        { seed: SEED, numRuns: HTTP_RUNS, endOnFailure: true },
      );
      expect(logCounts.errors - errorsBefore).toBe(0);
      console.log('fuzz: HTTP statuses', Object.fromEntries(statuses));
      expect([...statuses.keys()].some((s) => s < 300)).toBe(true);
    },
  );
});
