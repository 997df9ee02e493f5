// npm run bench:pages [-- --no-build]: the script each page of the client loads, in bytes and
// gzipped (node:zlib, level 9), beside its target; style sheets and fonts apart. Builds the client
// first (vite build), unless --no-build, which weighs the dist/client already there. Each page's
// files come from Vite's manifest (pageScripts.ts): the entry and its static imports, the page's own
// chunk and its static imports; "on use" is what the page loads later, when a person acts on it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../../server/paths.js';
import {
  cssOf,
  fontsOf,
  loadsLiveKit,
  pageLoad,
  PAGES,
  readManifest,
  scriptsOf,
  weigh,
} from './pageScripts.js';
import { reportFigures, type Figure } from './report.js';

const { values } = parseArgs({ options: { 'no-build': { type: 'boolean', default: false } } });
const CLIENT_DIR = join(PROJECT_ROOT, 'dist/client');

if (!values['no-build']) {
  const vite = join(PROJECT_ROOT, 'node_modules/.bin/vite');
  const { status } = spawnSync(vite, ['build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: PROJECT_ROOT,
  });
  if (status !== 0) throw new Error('vite build failed');
}

const manifest = readManifest(CLIENT_DIR);
/** kB as Vite prints them (1000 bytes). */
const kb = (bytes: number) => bytes / 1000;
const cell = (n: number, width: number) => kb(n).toFixed(1).padStart(width);

console.log(
  [
    'page'.padEnd(14),
    'path'.padEnd(31),
    'files'.padStart(5),
    'script kB'.padStart(10),
    'gzip kB'.padStart(8),
    'target'.padStart(7),
    'on use gz'.padStart(10),
    'CSS gz'.padStart(7),
    '  LiveKit',
  ].join(' '),
);
const figures: Figure[] = [];
for (const spec of PAGES) {
  const load = pageLoad(manifest, spec);
  const script = weigh(CLIENT_DIR, scriptsOf(manifest, load.chunks));
  const later = weigh(CLIENT_DIR, scriptsOf(manifest, load.onUse));
  const css = weigh(CLIENT_DIR, cssOf(manifest, load.chunks));
  const met = spec.maxGzipKb === undefined ? undefined : kb(script.gzip) <= spec.maxGzipKb;
  console.log(
    [
      spec.page.padEnd(14),
      spec.path.padEnd(31),
      String(script.files).padStart(5),
      cell(script.raw, 10),
      cell(script.gzip, 8),
      (spec.maxGzipKb === undefined ? '—' : `≤ ${spec.maxGzipKb}`).padStart(7),
      later.files ? cell(later.gzip, 10) : '—'.padStart(10),
      cell(css.gzip, 7),
      loadsLiveKit(manifest, load.chunks) ? '  yes' : '  no',
    ].join(' '),
  );
  figures.push({
    metric: `${spec.page} script, gzipped`,
    value: Number(kb(script.gzip).toFixed(1)),
    unit: 'kB',
    ...(spec.maxGzipKb === undefined ? {} : { target: `≤ ${spec.maxGzipKb}`, met }),
  });
}
const fonts = weigh(CLIENT_DIR, fontsOf(manifest));
console.log(
  `\nFonts (woff2, every page's style sheet names them; a browser fetches the ranges in use): ` +
    `${fonts.files} files, ${kb(fonts.raw).toFixed(1)} kB (already compressed).`,
);

reportFigures({ bench: 'pages', size: 'vite build, gzip -9', figures });
