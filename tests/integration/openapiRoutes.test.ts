import express, { type Router } from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildOpenApi } from '../../server/api/openapi.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The shape of router v2's layers that this test reads; it is not part of Express's typings.
interface Layer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** METHOD /path for every route of a router and of the routers it uses, in OpenAPI's {param} form. */
function routesOf(router: { stack?: Layer[] }, prefix = ''): string[] {
  return (router.stack ?? []).flatMap((layer) => {
    if (layer.route) {
      const path = prefix + layer.route.path.replace(/:(\w+)/g, '{$1}');
      // router.all() is how the caption ingest answers 405 to anything but POST.
      const methods = Object.keys(layer.route.methods).map((m) => (m === '_all' ? 'post' : m));
      return methods.map((m) => `${m.toUpperCase()} ${path}`);
    }
    if (!layer.handle.stack) return [];
    if (!layer.slash)
      throw new Error(`A router mounted at ${String(layer.rawPath)}: teach this test its path.`);
    return routesOf(layer.handle, prefix);
  });
}

let server: TestServer;
let api: Router | undefined;

beforeAll(async () => {
  // The API router is built inside createApp: catch it where it is mounted.
  const use = express.application.use;
  const spy = vi.spyOn(express.application, 'use').mockImplementation(function (
    this: express.Application,
    ...args: unknown[]
  ) {
    if (args[0] === '/api') api = args[1] as Router;
    return (use as (...a: unknown[]) => express.Application).apply(this, args);
  });
  server = await startTestServer();
  spy.mockRestore();
});
afterAll(async () => {
  await server.stop();
});

describe('the OpenAPI document', () => {
  it('describes every route registered on the API router', () => {
    const routes = routesOf(api as unknown as { stack: Layer[] });
    expect(routes.length).toBeGreaterThan(20);
    const doc = buildOpenApi(server.url) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    expect(routes).toContain('GET /sessions/{id}/invites');
  });
});
