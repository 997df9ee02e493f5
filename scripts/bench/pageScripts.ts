// Which files each page of the built client loads, read from Vite's manifest
// (dist/client/.vite/manifest.json, `build.manifest` in vite.config.ts): the entry script and its
// static imports, the page's own chunk (main.tsx loads each page on demand) and its static imports.
// What a page imports later, on a person's action (the forms' schemas), is listed apart as "on use".
// The captions-only page has its own entry and manifest (captions.html). Used by npm run
// bench:pages and by tests/process/pageWeight.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export interface PageSpec {
  page: string;
  path: string;
  /** The page's HTML entry: the app's, or the captions-only page's own. */
  entry?: string;
  /** The page's chunk in the manifest (its source, from the client root); none for the home page. */
  module?: string;
  /** Counts what the page loads on use as loaded (the confirmation comes after the form's check). */
  used?: boolean;
  /** The most script (gzipped kB, 1000 bytes) the page may load. */
  maxGzipKb?: number;
  /** A public page: it must not load the LiveKit client. */
  public: boolean;
}

export const ENTRY = 'index.html';
/** The manifest name of the chunk that holds the LiveKit client (vite.config.ts codeSplitting). */
export const LIVEKIT_CHUNK = 'livekit';

export const PAGES: PageSpec[] = [
  { page: 'home', path: '/', maxGzipKb: 90, public: true },
  { page: 'listing', path: '/sessions', module: 'src/public/SessionsPage.tsx', maxGzipKb: 90, public: true },
  {
    page: 'registration',
    path: '/sessions/:id/register',
    module: 'src/public/RegisterPage.tsx',
    maxGzipKb: 90,
    public: true,
  },
  {
    page: 'confirmation',
    path: '/sessions/:id/register (sent)',
    module: 'src/public/RegisterPage.tsx',
    used: true,
    maxGzipKb: 90,
    public: true,
  },
  {
    page: 'manage',
    path: '/registrations/manage/:token',
    module: 'src/manage/ManagePage.tsx',
    maxGzipKb: 90,
    public: true,
  },
  {
    page: 'comment',
    path: '/sessions/:id/comment',
    module: 'src/comments/CommentPage.tsx',
    maxGzipKb: 90,
    public: true,
  },
  { page: 'records', path: '/records', module: 'src/records/RecordsPage.tsx', maxGzipKb: 90, public: true },
  { page: 'record', path: '/records/:id', module: 'src/records/RecordPage.tsx', maxGzipKb: 90, public: true },
  { page: 'accessibility', path: '/accessibility', module: 'src/pages/AccessibilityPage.tsx', public: true },
  { page: 'captions-only', path: '/captions/:token', entry: 'captions.html', maxGzipKb: 50, public: true },
  { page: 'room', path: '/join/:token', module: 'src/join/JoinFlow.tsx', maxGzipKb: 350, public: false },
  { page: 'organizer', path: '/organizer', module: 'src/admin/OrganizerPage.tsx', public: false },
];

/** The app's manifest and the captions-only page's, as one (their keys do not collide). */
export function readManifest(clientDir: string): Manifest {
  const read = (name: string) => JSON.parse(readFileSync(join(clientDir, '.vite', name), 'utf8')) as Manifest;
  return { ...read('manifest.json'), ...read('captions-manifest.json') };
}

/** The manifest keys of `roots` and everything they import statically. */
function staticClosure(manifest: Manifest, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the Vite manifest: was the client built from this source?`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  roots.forEach(visit);
  return seen;
}

export interface PageLoad {
  /** Manifest keys of the chunks loaded with the page. */
  chunks: string[];
  /** Manifest keys of the chunks loaded on use (after a person acts on the page). */
  onUse: string[];
}

export function pageLoad(manifest: Manifest, spec: PageSpec): PageLoad {
  const entry = spec.entry ?? ENTRY;
  const loaded = staticClosure(manifest, spec.module ? [entry, spec.module] : [entry]);
  // The app entry's dynamic imports are the other pages; a page chunk's are what it loads on use.
  const later = [...loaded]
    .filter((key) => key !== ENTRY)
    .flatMap((key) => manifest[key]!.dynamicImports ?? []);
  const onUse = [...staticClosure(manifest, later)].filter((key) => !loaded.has(key));
  return spec.used ? { chunks: [...loaded, ...onUse], onUse: [] } : { chunks: [...loaded], onUse };
}

export interface Weight {
  files: number;
  raw: number;
  gzip: number;
}

const sizeCache = new Map<string, { raw: number; gzip: number }>();
function fileSize(clientDir: string, file: string) {
  let size = sizeCache.get(file);
  if (!size) {
    const bytes = readFileSync(join(clientDir, file));
    size = { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    sizeCache.set(file, size);
  }
  return size;
}

/** Raw and gzip (level 9) bytes of files, each counted once. */
export function weigh(clientDir: string, files: Iterable<string>): Weight {
  const unique = [...new Set(files)];
  const sizes = unique.map((f) => fileSize(clientDir, f));
  return {
    files: unique.length,
    raw: sizes.reduce((n, s) => n + s.raw, 0),
    gzip: sizes.reduce((n, s) => n + s.gzip, 0),
  };
}

export const scriptsOf = (manifest: Manifest, keys: string[]) => keys.map((k) => manifest[k]!.file);
export const cssOf = (manifest: Manifest, keys: string[]) => keys.flatMap((k) => manifest[k]!.css ?? []);
/** The fonts every page's style sheet names, in woff2 (a browser fetches those of the ranges in use). */
export const fontsOf = (manifest: Manifest) =>
  Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith('.woff2'));

/** Whether any of the chunks is the LiveKit client's. */
export const loadsLiveKit = (manifest: Manifest, keys: string[]) =>
  keys.some((k) => manifest[k]!.name === LIVEKIT_CHUNK);
