import { z } from 'zod';

// Kept apart from schemas.ts, which needs luxon for time zones, so the client can check a name
// without carrying a date library.

/** A person's display name: trimmed, 1 to 80 characters, no control characters. */
export const nameSchema = z
  .string()
  .trim()
  .min(1, 'Name is required.')
  .max(80, 'Name must be at most 80 characters.')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'Name must not contain control characters.');

/** Ids are opaque URL-safe strings minted by the server. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Malformed id.');
