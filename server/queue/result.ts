import type { HandKind, QueueSettings, QueueState } from '../../shared/queue.js';
import type { Reason } from '../../shared/protocol.js';
import type { InviteRole } from '../../shared/roles.js';

/** Who sends a command. */
export interface Actor {
  id: string;
  role: InviteRole;
  name: string;
}

/** The people connected to the session now (by invite id): who can be asked to speak. */
export type Present = ReadonlySet<string>;

export type QueueCommand =
  | { type: 'raise'; by: Actor; kind: HandKind; topic: string; remark: string | null }
  | { type: 'lower'; by: Actor; target: string }
  | { type: 'move'; by: Actor; target: string; direction: 'up' | 'down' }
  | { type: 'lower-all'; by: Actor }
  | { type: 'give'; by: Actor; target: string; present: Present }
  | { type: 'next'; by: Actor; present: Present }
  | { type: 'accept'; by: Actor }
  | { type: 'decline'; by: Actor }
  | { type: 'end'; by: Actor }
  | { type: 'pause'; by: Actor }
  | { type: 'resume'; by: Actor }
  | { type: 'extend'; by: Actor; ms: number }
  | { type: 'configure'; by: Actor; settings: Partial<QueueSettings> }
  | { type: 'tick' };

export type QueueEffect =
  | { type: 'grant-publish'; participantId: string }
  | { type: 'revoke-publish'; participantId: string }
  | { type: 'time-warning'; participantId: string }
  | { type: 'time-up'; participantId: string };

export type QueueResult =
  | {
      ok: true;
      state: QueueState;
      effects: QueueEffect[];
      /** "Next" passed over these people, who are not in the room (Q15), by name. */
      skipped?: string[];
    }
  | { ok: false; reason: Reason; message: string };

export const ok = (state: QueueState, effects: QueueEffect[] = []): QueueResult => ({
  ok: true,
  state,
  effects,
});
export const no = (reason: Reason, message: string): QueueResult => ({ ok: false, reason, message });
