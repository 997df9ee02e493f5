import { z } from 'zod';
import { idSchema } from './ids.js';
import { multiLineText, singleLineText } from './text.js';

/** A raised hand asks to speak, or to have a written remark read out on the stage. */
export const HAND_KINDS = ['speak', 'remark'] as const;
export type HandKind = (typeof HAND_KINDS)[number];

export const TOPIC_MAX_CHARS = 200;
export const REMARK_MAX_CHARS = 2000;
export const DEFAULT_SPEAKING_LIMIT_MS = 3 * 60_000;
export const DEFAULT_WARNING_MS = 30_000;
/** How long a speaker has to answer "Start speaking / Not now" before the moderator decides again. */
export const OFFER_TIMEOUT_MS = 20_000;

export interface QueueEntry {
  participantId: string;
  /** The name at the time the hand was raised, so the queue needs no participant list. */
  name: string;
  kind: HandKind;
  topic: string;
  remark: string | null;
  /** ISO time the hand was first raised; order is kept by the server, not by this stamp. */
  raisedAt: string;
  /**
   * The person signs (ASL): given the floor, the active interpreter voices them (Q18). Marked at
   * registration or by a moderator (policy A40); absent means no.
   */
  signs?: boolean;
}

/** Who voices a signing speaker: the active interpreter, by id and name. */
export interface Voice {
  participantId: string;
  name: string;
}

export interface Floor {
  participantId: string;
  name: string;
  kind: HandKind;
  topic: string;
  remark: string | null;
  startedAt: string;
  /** Epoch ms when the turn's time runs out while the timer runs; null while paused. */
  deadline: number | null;
  /** Milliseconds left while paused; null while running. */
  pausedRemainingMs: number | null;
  warned: boolean;
  expired: boolean;
  /** The holder signs (Q18); absent means no. */
  signs?: boolean;
  /**
   * The interpreter whose voice is the floor's while a signing speaker holds it (Q18-Q20): what
   * viewers hear, and who the captions and the record say voiced the turn. Null or absent when
   * the holder speaks for themselves.
   */
  voicedBy?: Voice | null;
}

/**
 * The floor offered to someone in the queue who has not yet said whether they speak now: their
 * camera and microphone go on only when they accept.
 */
export interface FloorOffer {
  participantId: string;
  name: string;
  /** Epoch ms when the question is withdrawn unanswered and the decision goes back to the moderator. */
  expiresAt: number;
}

/** How the last offer ended without a turn, so the moderator is told (and the state says why). */
export interface OfferOutcome {
  participantId: string;
  name: string;
  outcome: 'declined' | 'no-answer';
  /** Epoch ms. */
  at: number;
}

export interface QueueSettings {
  speakingLimitMs: number;
  warningMs: number;
  /** End the turn by itself when the time is up (otherwise the moderator is prompted). */
  autoEnd: boolean;
}

export interface QueueState {
  /** Grows with every stored change, so a client never replaces newer state with older. */
  revision: number;
  entries: QueueEntry[];
  floor: Floor | null;
  /** Never at the same time as a floor: giving the floor to a speaker ends the turn, then asks. */
  offer: FloorOffer | null;
  lastOutcome: OfferOutcome | null;
  settings: QueueSettings;
}

/** What clients receive: the state and the server's clock, so every countdown agrees. */
export interface QueueSnapshot extends QueueState {
  serverNow: number;
  /** Who in the queue (or being asked) is not connected now (Q15): shown as "not here". */
  absent: string[];
}

export const raiseHandSchema = z
  .object({
    kind: z.enum(HAND_KINDS).default('speak'),
    // A topic is one line beside a name in the queue; a remark may have paragraphs (TEXT.md).
    topic: singleLineText('Topic', TOPIC_MAX_CHARS).default(''),
    remark: multiLineText('Remark', REMARK_MAX_CHARS).optional(),
  })
  .strict()
  .refine((h) => h.kind !== 'remark' || (h.remark ?? '').length > 0, {
    message: 'A written remark needs its text.',
    path: ['remark'],
  });

export const targetSchema = z.object({ participantId: idSchema }).strict();
export const optionalTargetSchema = z.object({ participantId: idSchema.optional() }).strict();
export const moveSchema = z.object({ participantId: idSchema, direction: z.enum(['up', 'down']) }).strict();
export const extendSchema = z
  .object({
    ms: z
      .number()
      .int()
      .min(1000)
      .max(30 * 60_000),
  })
  .strict();
export const settingsSchema = z
  .object({
    speakingLimitMs: z
      .number()
      .int()
      .min(10_000)
      .max(60 * 60_000),
    warningMs: z
      .number()
      .int()
      .min(0)
      .max(10 * 60_000),
    autoEnd: z.boolean(),
  })
  .partial()
  .strict();
export const emptySchema = z.object({}).strict();
/** A moderator marks a person as signing, or not (policy A40). */
export const markSigningSchema = z.object({ participantId: idSchema, signs: z.boolean() }).strict();

/** How the captions and the record name a turn's speaker: "Sam Patel (voiced by Ana Ruiz)". */
export function voicedName(name: string, voicedBy: Voice | null | undefined): string {
  return voicedBy ? `${name} (voiced by ${voicedBy.name})` : name;
}
