// The table bench:captions prints: one column per run (OpenFloor on one node, on N nodes when
// asked, the baseline), then ratios: N nodes against one node, and one node against the baseline.
import type { Result } from './captions.js';

export interface Run {
  /** The key of its figures in the BENCH line: openfloor, cluster, baseline. */
  id: string;
  /** Its column's heading. */
  label: string;
  result: Result;
}

interface Row {
  label: string;
  get: (r: Result) => number;
  /** What a ratio divides by, when not the same row of the other run. */
  base?: (r: Result) => number;
}

const sum = (xs: number[]) => xs.reduce((a, n) => a + n, 0);

const latencyRows = (): Row[] =>
  (['partial', 'line', 'ack'] as const).flatMap((k) =>
    (['p50', 'p95', 'p99', 'max'] as const).map((p) => ({
      label: `${k} ${p} ms`,
      get: (r: Result) => r[k][p],
    })),
  );

/** Where a cluster's time and CPU go: the nodes' own counts, and the cost of sitting idle. */
const storeRows = (): Row[] => [
  { label: 'node change->emit mean ms', get: (r) => r.deliveryMeanMs },
  { label: 'store queries / change', get: (r) => r.storeQueriesPerChange },
  { label: '  less idle queries', get: (r) => r.netStoreQueriesPerChange },
  { label: 'store query mean ms', get: (r) => r.storeQueryMeanMs },
  { label: 'Redis commands / change', get: (r) => r.redisCommandsPerChange },
  { label: 'store queries/s idle', get: (r) => r.idleStoreQueriesPerS },
  { label: 'total CPU % idle', get: (r) => r.idleCpuPct },
];

function cpuRows(cluster: Result | undefined): Row[] {
  const rows: Row[] = [{ label: 'server CPU % of a core', get: (r) => r.cpuPct }];
  // A cluster's parts, each against the one node's whole CPU.
  const others = cluster ? Object.keys(cluster.partCpuPct).filter((p) => !cluster.nodes.includes(p)) : [];
  for (const part of [...(cluster?.nodes ?? []), ...others]) {
    rows.push({ label: `  ${part} CPU %`, get: (r) => r.partCpuPct[part] ?? NaN, base: (r) => r.cpuPct });
  }
  if (cluster) rows.push({ label: 'total CPU % of a core', get: (r) => r.totalCpuPct });
  rows.push({ label: 'server CPU ms/viewer/min', get: (r) => r.cpuMsPerViewerMin });
  if (cluster) rows.push({ label: 'total CPU ms/viewer/min', get: (r) => r.totalCpuMsPerViewerMin });
  return rows;
}

const memoryRows = (): Row[] => [
  { label: 'server RSS before join MB', get: (r) => r.rssEmptyMB },
  { label: 'server RSS joined MB', get: (r) => r.rssJoinedMB },
  { label: 'server RSS / viewer KB', get: (r) => r.rssPerViewerB / 1024 },
  { label: 'server heap / viewer KB', get: (r) => r.heapPerViewerB / 1024 },
];

/** How the viewers were spread, and what joining them cost. */
const joinRows = (cluster: Result): Row[] => [
  { label: 'sockets on the nodes', get: (r) => sum(Object.values(r.sockets)) },
  ...cluster.nodes.map((node) => ({
    label: `  sockets on ${node}`,
    get: (r: Result) => r.sockets[node] ?? NaN,
    base: () => NaN,
  })),
  { label: 'join all viewers s', get: (r) => r.joinS },
  { label: '  CPU ms / join (total)', get: (r) => r.joinCpuMsPerViewer },
  { label: '  store queries / join', get: (r) => r.joinStoreQueriesPerViewer },
];

function rowsFor(cluster: Result | undefined): Row[] {
  return [
    ...latencyRows(),
    ...(cluster ? storeRows() : []),
    ...cpuRows(cluster),
    ...memoryRows(),
    ...(cluster ? joinRows(cluster) : [{ label: 'join all viewers s', get: (r: Result) => r.joinS }]),
    { label: 'viewer procs CPU %', get: (r) => r.clientCpuPct },
    { label: 'other procs CPU %', get: (r) => r.otherCpuPct },
  ];
}

/**
 * Prints the table and each run's delivery counts; returns the ratios for the BENCH line (by row
 * alone without a cluster, as before; by pair of runs, then row, with one).
 */
export function printTable(runs: Run[]): Record<string, number> | Record<string, Record<string, number>> {
  const byId = Object.fromEntries(runs.map((r) => [r.id, r]));
  const [one, cluster, base] = [byId.openfloor!, byId.cluster, byId.baseline!];
  const pairs: [string, Run, Run][] = cluster
    ? [
        [`${cluster.label}/1`, cluster, one],
        ['1/base', one, base],
      ]
    : [['ratio', one, base]];
  const width = cluster ? 10 : 8;
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(Math.abs(n) < 10 ? 2 : 1) : '-');
  const x = (n: number) => (Number.isFinite(n) ? `${f(n)}x` : '-');
  console.log(
    `\n${'metric'.padEnd(26)}${runs.map((r) => r.label.padStart(11)).join('')}` +
      pairs.map(([label]) => label.padStart(width)).join(''),
  );
  const ratios: Record<string, Record<string, number>> = Object.fromEntries(pairs.map(([l]) => [l, {}]));
  for (const row of rowsFor(cluster?.result)) {
    const cells = runs.map((r) => f(row.get(r.result)).padStart(11)).join('');
    const quotients = pairs.map(([label, a, b]) => {
      const q = row.get(a.result) / (row.base ?? row.get)(b.result);
      ratios[label]![row.label.trim()] = q;
      return x(q).padStart(width);
    });
    console.log(`${row.label.padEnd(26)}${cells}${quotients.join('')}`);
  }
  for (const { label, result: r } of runs) {
    const c = (k: Result['lines']) => `${k.got}/${k.want} (missing ${k.missing}, ${k.viewersShort} short)`;
    console.log(
      `${label}: partials ${c(r.partials)}, lines ${c(r.lines)}; sent ${r.updates} updates + ${r.commits} ` +
        `commits, ${r.refused} refused, captioner at most ${f(r.behindMs)} ms behind schedule`,
    );
  }
  if (cluster) {
    const held = Object.entries(cluster.result.sockets).map(([n, k]) => `${n} ${k}`);
    console.log(
      `${cluster.label}: sockets per node after the joins (viewers + the captioner): ${held.join(', ')}; ` +
        `${sum(Object.values(cluster.result.sockets))} in all`,
    );
  }
  return cluster ? ratios : ratios.ratio!;
}
