// Zod compiles object schemas with `new Function` when it can, and finds out whether it can by
// trying: under the Content-Security-Policy (no 'unsafe-eval', server/http/security.ts) that try
// is a policy violation on every page. Imported first by main.tsx, so no schema has parsed yet.
// Zod keeps its settings in one object on globalThis (so that copies of it agree): setting it
// there keeps Zod itself, which most pages never load, out of the entry script.
// tests/unit/zodJitless.test.ts checks that Zod still reads it.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

export {};
