import { z } from 'zod';
import { nameChecks } from './textRules.js';

// Kept apart from schemas.ts, which needs luxon for time zones, so the client can check a name
// without carrying a date library.

/** A person's display name: single-line text (TEXT.md), 1 to 80 characters. */
export const nameSchema = z.string().check(...nameChecks());

/** Ids are opaque URL-safe strings minted by the server. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Malformed id.');
