import type { Generated, Kysely } from 'kysely';
import type { SessionStatus } from '../../shared/sessions.js';

/**
 * The store's tables as Kysely sees them, one interface per table. The migrations (migrations.ts)
 * make these tables; both SQLite and PostgreSQL hold the same columns.
 */

export interface SessionsTable {
  id: string;
  title: string;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  created_at: string;
  active_interpreter_id: string | null;
  description: string;
  focus: string;
  capacity: number | null;
  speaking_limit_ms: number;
  /** 0 or 1. */
  public_comments: number;
  /** OfferedAccommodations as JSON. */
  offered: string;
  status: SessionStatus;
  record_published_at: string | null;
  /** 0 or 1. */
  require_email_confirmation: number;
  /** Who holds the pen of each caption track (policy A26-A29): JSON, language to invite; or null. */
  caption_pens: string | null;
}

export interface RegistrationsTable {
  id: string;
  session_id: string;
  registered_order: number;
  email: string;
  name: string;
  organization: string;
  affiliation: string;
  /** 0 or 1. */
  wish_to_speak: number;
  topic: string;
  /** RequestedAccommodations as JSON. */
  requested: string;
  status: string;
  invite_id: string | null;
  created_at: string;
  updated_at: string;
  reminded_at: string | null;
  /** "I will sign (ASL)": 0 or 1 (migration 0015). */
  signs: number;
}

export interface TurnsTable {
  session_id: string;
  seq: number;
  participant_id: string;
  name: string;
  kind: string;
  topic: string | null;
  remark: string | null;
  started_at: string;
  ended_at: string | null;
  /** Who voiced a signing speaker's turn (migration 0015): a JSON array of names, in order (queue rule Q21); a row from before holds one plain name; null when nobody did. */
  voiced_by?: string | null;
}

export interface InvitesTable {
  id: string;
  session_id: string;
  role: string;
  name: string;
  expires_at: string;
  created_at: string;
  revoked_at: string | null;
  joined_at: string | null;
  join_order: number | null;
  /** 1 for the organizer's own moderator link (Start as host), else 0. */
  host: number;
  /** A moderator's mark (policy A40): 1 signs, 0 does not, null unmarked (migration 0015). */
  signs?: number | null;
  /** A spoken-language interpreter's language channel (policy A42), or null (migration 0015). */
  language?: string | null;
}

export interface QueuesTable {
  session_id: string;
  state: string;
  updated_at: string;
  /** When the running turn's time is up (ISO); null while no turn's timer runs. */
  deadline_at: string | null;
}

export interface CaptionLinesTable {
  session_id: string;
  seq: number;
  /** The console's id of the line it came from (C14); null from the ingest. */
  line_id: string | null;
  lang: string;
  speaker: string;
  text: string;
  started_at: string;
  at: string;
  /** ISO: when the line was last corrected (C17, C18); null while it never was. */
  corrected_at: string | null;
  /** The session's count of corrections at the last one (C19); null while it never was corrected. */
  fix: number | null;
  /** 1 when the ingest's line break committed the line (C16), else 0. */
  break_after: Generated<number>;
}

export interface CaptionIngestTable {
  invite_id: string;
  last_seq: number;
}

/** A caption track's line in progress (C11); no row while the line is empty. */
export interface CaptionTracksTable {
  session_id: string;
  lang: string;
  speaker: string;
  text: string;
  /** ISO: when the line in progress got its first text. */
  started_at: string;
  /** ISO: the last change to the line in progress. */
  changed_at: string;
  /** The console's id of the line in progress (C14), or null. */
  line_id: string | null;
  /** The committed line the line in progress writes again (C16), or null. */
  reopens: number | null;
}

/** A session's comment settings (W1-W4); no row: the session takes no comments yet. */
export interface CommentSettingsTable {
  session_id: string;
  opens_at: string | null;
  closes_at: string | null;
  word_limit: number;
  /** 0 or 1. */
  anonymous_allowed: number;
  video_max_seconds: number;
  /** The topics as a JSON array of strings. */
  topics: string;
  updated_at: string;
}

/** A written or video comment from the public (issue 16). */
export interface CommentsTable {
  id: string;
  session_id: string;
  number: number;
  kind: string;
  status: string;
  name: string;
  /** 0 or 1. */
  anonymous: number;
  email: string;
  organization: string;
  topic: string;
  /** The written comment, or a video's summary. */
  text: string;
  transcript: string;
  /** 0 or 1: signed in a sign language. */
  signed: number;
  duration_seconds: number | null;
  reason: string | null;
  created_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

/** A file of a comment: an attachment, the video, or the video's captions. */
export interface CommentFilesTable {
  id: string;
  comment_id: string;
  position: number;
  role: string;
  /** Where the bytes are in the comment storage; made by the server. */
  storage_key: string;
  name: string;
  media_type: string;
  size: number;
}

/** A node of several, and when it last said it is alive (the database's clock, ms). */
export interface NodesTable {
  id: string;
  seen_ms: number;
}

/** Who is connected to which node (several nodes only). */
export interface PresenceTable {
  node_id: string;
  session_id: string;
  invite_id: string;
}

export interface Database {
  caption_lines: CaptionLinesTable;
  caption_ingest: CaptionIngestTable;
  caption_tracks: CaptionTracksTable;
  comment_settings: CommentSettingsTable;
  comments: CommentsTable;
  comment_files: CommentFilesTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  nodes: NodesTable;
  presence: PresenceTable;
  queues: QueuesTable;
  registrations: RegistrationsTable;
  turns: TurnsTable;
}

export type Db = Kysely<Database>;
