import type { Participant, RoomState } from '../../../shared/protocol.js';
import { ROLE_LABEL } from '../../../shared/roles.js';

const names = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' });
  } catch {
    return null;
  }
})();

/** A language as people read it: "Spanish (es)", or the tag alone where the browser has no name. */
export function languageName(tag: string): string {
  const name = names?.of(tag);
  return name && name !== tag ? `${name} (${tag})` : tag;
}

/** The spoken-language interpreters in the room, one per language (the first who joined). */
export function channelsOf(state: RoomState): Map<string, Participant> {
  const channels = new Map<string, Participant>();
  for (const p of state.participants) {
    if (p.role === 'interpreter' && p.channel && !channels.has(p.channel)) channels.set(p.channel, p);
  }
  return channels;
}

/** A person's role as the room says it: "ASL interpreter", or "Spanish (es) interpreter" (A42). */
export function roleLabelOf(person: Participant): string {
  return person.channel ? `${languageName(person.channel)} interpreter` : ROLE_LABEL[person.role];
}
