import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The cluster and browser tiers run real servers and a real browser on a small, busy machine: a test
 * there that fails once is tried once more. `npm test` names every test that passed only on its
 * second try ("flaky") in its summary, so a flake is seen and fixed rather than hidden.
 */
const SLOW_TIER_RETRIES = 1;

const CLIENT = fileURLToPath(new URL('./client/', import.meta.url));

/**
 * The captions-only page's own build (client/captions.html): React's API from Preact's compat
 * layer, a tenth of React DOM's size, and react-router from the page's few lines of it.
 */
const CAPTIONS_ONLY_MODULES: Record<string, string> = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react-router': `${CLIENT}src/captions-only/router.tsx`,
};
const captionsOnlyModules: Plugin = {
  name: 'openfloor:captions-only-modules',
  enforce: 'pre',
  applyToEnvironment: (environment) => environment.name === 'captionsOnly',
  resolveId(id, importer, options) {
    const to = CAPTIONS_ONLY_MODULES[id];
    return to ? this.resolve(to, importer, { ...options, skipSelf: true }) : null;
  },
};

export default defineConfig({
  root: 'client',
  plugins: [react(), captionsOnlyModules],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // .vite/manifest.json: which scripts each page loads, read by npm run bench:pages and by
    // tests/process/pageWeight.test.ts.
    manifest: true,
    rolldownOptions: {
      output: {
        // The LiveKit client in a chunk of its own, named in the manifest: the page-weight test
        // finds it there, and it stays cached when only the room's own code changes.
        codeSplitting: { groups: [{ name: 'livekit', test: /[\\/]node_modules[\\/]livekit-client[\\/]/ }] },
      },
    },
  },
  // `vite build` makes both: the app (index.html), then the captions-only page beside it.
  environments: {
    client: {},
    captionsOnly: {
      consumer: 'client',
      build: {
        emptyOutDir: false,
        manifest: '.vite/captions-manifest.json',
        // One script and nothing loaded later: nothing to preload.
        modulePreload: false,
        rolldownOptions: { input: `${CLIENT}captions.html` },
      },
    },
  },
  builder: {
    buildApp: async (builder) => {
      await builder.build(builder.environments.client!);
      await builder.build(builder.environments.captionsOnly!);
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'http://localhost:3000', ws: true },
    },
  },
  test: {
    root: '.',
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 20_000,
          // The test server's media address answers nothing: its warnings would bury the results.
          env: { LOG_LEVEL: 'error' },
        },
      },
      {
        extends: true,
        test: {
          // Real server processes (the build, as operators start it): signals, restarts, start-up.
          name: 'process',
          include: ['tests/process/**/*.test.ts'],
          globalSetup: ['tests/process/build.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Several nodes of the build on one machine (scripts/cluster): PostgreSQL, Redis, HAProxy.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          globalSetup: ['tests/process/build.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          retry: SLOW_TIER_RETRIES,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          retry: SLOW_TIER_RETRIES,
        },
      },
    ],
  },
});
