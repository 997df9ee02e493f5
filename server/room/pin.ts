import { REASONS, type Reason } from '../../shared/protocol.js';
import type { InviteRole } from '../../shared/roles.js';

/** Who is in the room, as far as the interpreter pin needs to know. */
export interface PinPerson {
  id: string;
  role: InviteRole;
  online: boolean;
  /** A spoken-language interpreter (policy A43): never pinned on the stage. */
  channel?: string;
}

export type PinCommand =
  | { type: 'came-online'; who: string }
  | { type: 'take-over'; by: string }
  | { type: 'set-active'; target: string };

export type PinDecision = { ok: true; activeInterpreterId: string | null } | { ok: false; reason: Reason };

/** Who can be pinned: an interpreter who signs, not one who interprets into a spoken language (A43). */
const signs = (p: PinPerson | undefined): p is PinPerson =>
  p?.role === 'interpreter' && p.channel === undefined;

/**
 * The rules of the interpreter pin (ids referenced by tests; see server/room/SPEC.md).
 * Pure: the current pin, the people, a command in; the new pin or a refusal out. Who may take
 * over or switch is the policy's to say (A6, A7); this says what the pin becomes.
 */
export function decidePin(active: string | null, people: PinPerson[], command: PinCommand): PinDecision {
  const byId = new Map(people.map((p) => [p.id, p]));
  switch (command.type) {
    case 'came-online': {
      const who = byId.get(command.who);
      // P1: the first interpreter to arrive is pinned; P4: a pinned interpreter who drops keeps the pin.
      const pinIsEmpty = active === null || !signs(byId.get(active));
      if (signs(who) && pinIsEmpty) return { ok: true, activeInterpreterId: who.id };
      return { ok: true, activeInterpreterId: active };
    }
    case 'take-over':
      // P2: any interpreter of the session can take over from the active one; A43: not one who
      // interprets into a spoken language. (Someone not yet listed, joining, is taken at their word.)
      if (byId.has(command.by) && !signs(byId.get(command.by)))
        return { ok: false, reason: REASONS.forbidden };
      return { ok: true, activeInterpreterId: command.by };
    case 'set-active': {
      // P3: the moderator switches only to an interpreter who is present.
      const target = byId.get(command.target);
      if (!signs(target) || !target.online) return { ok: false, reason: REASONS.notFound };
      return { ok: true, activeInterpreterId: target.id };
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

/**
 * F1: with no speaker on the floor, the stage shows the moderator: the first online moderator,
 * or, while none is online, the first who joined (their tile shows "reconnecting" instead of vanishing).
 */
export function defaultFloorHolder(people: PinPerson[]): string | null {
  const moderators = people.filter((p) => p.role === 'moderator');
  return (moderators.find((p) => p.online) ?? moderators[0])?.id ?? null;
}
