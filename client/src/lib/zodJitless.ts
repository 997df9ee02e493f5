import { z } from 'zod';

// Zod compiles object schemas with `new Function` when it can, and finds out whether it can by
// trying: under the Content-Security-Policy (no 'unsafe-eval', server/http/security.ts) that try
// is a policy violation on every page. Imported first by main.tsx, so no schema has parsed yet.
z.config({ jitless: true });
