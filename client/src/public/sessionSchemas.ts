// The forms check their fields with the server's own schemas before sending them
// (shared/registrationSchemas.ts, built with zod/mini). Even Zod's mini build adds a fifth to a
// page's script, so they load when a person starts filling a form (its first focus) rather than
// with the page; a submit waits for them.
import type * as RegistrationSchemas from '../../../shared/registrationSchemas.js';

type SessionSchemas = typeof RegistrationSchemas;

let loading: Promise<SessionSchemas> | undefined;

/** The registration schemas, loaded once; a failed load (the network) is tried again next time. */
export function loadSessionSchemas(): Promise<SessionSchemas> {
  loading ??= import('../../../shared/registrationSchemas.js').catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** Starts the load ahead of a submit; its failure shows at the submit, where it matters. */
export function preloadSessionSchemas(): void {
  loadSessionSchemas().catch(() => undefined);
}

export const SCHEMAS_UNAVAILABLE =
  'This page could not load the check of the form. Check your connection and try again.';
