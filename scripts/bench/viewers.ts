// The viewers of bench:captions: groups of attendees that connect over WebSocket, join, and stamp
// each caption:partial and caption:line on receipt (latency = receipt time - the server's `at`).
// A group runs in this process or in a worker process (viewerWorker.ts), driven over IPC.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../shared/protocol.js';
import { ask as askWithin, type BenchClient } from './client.js';

// A join storm of thousands of viewers: acknowledgements may take long.
export const ask: typeof askWithin = (s, e, p) => askWithin(s, e, p, 120_000);
type Kind = 'partial' | 'line';
/** Wall-clock ms, as `at` is (the machine's realtime clock), with sub-millisecond resolution. */
export const nowMs = () => performance.timeOrigin + performance.now();

/** Connects with a link's token (none for the baseline) and joins the room. */
export async function connect(url: string, token: string): Promise<BenchClient> {
  const socket: BenchClient = io(url, {
    auth: token ? { token, protocol: PROTOCOL_VERSION } : {},
    transports: ['websocket'],
    forceNew: true,
  });
  const joined = await ask(socket, 'room:join', {});
  if (!joined.ok) throw new Error(`join refused: ${joined.message}`);
  return socket;
}

/** A group of viewers in one process: they connect, join, and record what they receive. */
export function createViewers() {
  let sockets: BenchClient[] = [];
  const lat = { partial: [] as number[], line: [] as number[] };
  const got = { partial: new Uint32Array(0), line: new Uint32Array(0) };
  let [cpu0, t0] = [process.cpuUsage(), performance.now()];
  const viewer = async (url: string, token: string, i: number) => {
    const socket = await connect(url, token);
    const record = (k: Kind) => (m: { at: string }) => {
      lat[k].push(nowMs() - Date.parse(m.at));
      got[k][i]!++;
    };
    socket.on('caption:partial', record('partial'));
    socket.on('caption:line', record('line'));
    return socket;
  };
  const sum = (a: Uint32Array) => a.reduce((x, y) => x + y, 0);
  return {
    async open(url: string, tokens: string[]) {
      [got.partial, got.line] = [new Uint32Array(tokens.length), new Uint32Array(tokens.length)];
      for (let i = 0; i < tokens.length; i += 100) {
        sockets.push(...(await Promise.all(tokens.slice(i, i + 100).map((t, j) => viewer(url, t, i + j)))));
      }
    },
    reset() {
      [lat.partial, lat.line] = [[], []];
      got.partial.fill(0);
      got.line.fill(0);
      [cpu0, t0] = [process.cpuUsage(), performance.now()];
    },
    progress: () => sum(got.partial) + sum(got.line),
    collect() {
      const cpu = process.cpuUsage(cpu0);
      return {
        lat: { partial: Float64Array.from(lat.partial), line: Float64Array.from(lat.line) },
        got: { partial: Array.from(got.partial), line: Array.from(got.line) },
        cpuMs: (cpu.user + cpu.system) / 1000,
        wallMs: performance.now() - t0,
      };
    },
    close() {
      for (const s of sockets) s.disconnect();
      sockets = [];
    },
  };
}
export type Viewers = ReturnType<typeof createViewers>;
/** A viewer group seen from the parent: the same operations, each awaited. */
export type ViewerGroup = {
  [K in keyof Viewers]: (...a: Parameters<Viewers[K]>) => Promise<Awaited<ReturnType<Viewers[K]>>>;
};
const OPS = ['open', 'reset', 'progress', 'collect', 'close'] as const;
export const invoke = (v: Viewers, op: keyof Viewers, args: unknown[]) =>
  Promise.resolve((v[op] as (...a: unknown[]) => unknown)(...args));
const asGroup = (call: (op: keyof Viewers, args: unknown[]) => Promise<unknown>) =>
  Object.fromEntries(OPS.map((op) => [op, (...args: unknown[]) => call(op, args)])) as unknown as ViewerGroup;

/** A viewer group in this process. */
export function localGroup(): ViewerGroup {
  const viewers = createViewers();
  return asGroup((op, args) => invoke(viewers, op, args));
}

// Every child answers each request with one message, in order, and is never asked twice at once.
export async function request<T>(child: ChildProcess, msg: object): Promise<T> {
  child.send(msg);
  return ((await once(child, 'message')) as [T])[0];
}

/** A viewer group in a worker process (viewerWorker.ts); it exits once its viewers are closed. */
export function spawnWorker(): { group: ViewerGroup; exited: Promise<unknown> } {
  const entry = fileURLToPath(new URL('./viewerWorker.ts', import.meta.url));
  const child = fork(entry, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  return { group: asGroup((op, args) => request(child, { op, args })), exited: once(child, 'exit') };
}
