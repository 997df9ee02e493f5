import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'client',
  plugins: [react()],
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
        },
      },
    ],
  },
});
