import { z } from 'zod';

/** A29: who holds the pen of each caption track of a session: language tag to captioner invite. */
export type Pens = Readonly<Record<string, string>>;

const storedPens = z.record(z.string(), z.string()).catch({});

/** The pens as stored with the session (JSON text, null while nobody wrote). */
export function pensOf(stored: string | null): Pens {
  if (stored === null) return {};
  try {
    return storedPens.parse(JSON.parse(stored));
  } catch {
    return {};
  }
}

/** The pens to store once `inviteId` holds the pen of `lang`. */
export function storePen(stored: string | null, lang: string, inviteId: string): string {
  return JSON.stringify({ ...pensOf(stored), [lang]: inviteId });
}
