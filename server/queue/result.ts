import type { HandKind, QueueSettings, QueueState, Voice } from '../../shared/queue.js';
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
  /** `signs`: whether the person signs (Q18), as the store says; absent is no. */
  | { type: 'raise'; by: Actor; kind: HandKind; topic: string; remark: string | null; signs?: boolean }
  | { type: 'lower'; by: Actor; target: string }
  | { type: 'move'; by: Actor; target: string; direction: 'up' | 'down' }
  | { type: 'lower-all'; by: Actor }
  | { type: 'give'; by: Actor; target: string; present: Present }
  | { type: 'next'; by: Actor; present: Present }
  /** `voice`: the active interpreter, who voices the turn if the speaker signs (Q18). */
  | { type: 'accept'; by: Actor; voice?: Voice | null }
  | { type: 'decline'; by: Actor }
  | { type: 'end'; by: Actor }
  | { type: 'pause'; by: Actor }
  | { type: 'resume'; by: Actor }
  | { type: 'extend'; by: Actor; ms: number }
  | { type: 'configure'; by: Actor; settings: Partial<QueueSettings> }
  /** Q19: a moderator marks a person as signing, or not; `voice` as for `accept`. */
  | { type: 'mark-signing'; by: Actor; target: string; signs: boolean; voice: Voice | null }
  /** Q20: the active interpreter changed (or there is none): the voice of a signing turn follows. */
  | { type: 'voice'; voice: Voice | null }
  | { type: 'tick' };

export type QueueEffect =
  /** `cameraOnly`: the turn is voiced by the interpreter (Q18, policy A41). */
  | { type: 'grant-publish'; participantId: string; cameraOnly?: boolean }
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
