import type { Floor } from '../../shared/queue.js';
import type { RecordListing, RecordsPage, RecordsQuery } from '../../shared/records.js';
import { AUDIENCE_ROLES } from '../../shared/roles.js';
import type { CaptionService } from '../captions/service.js';
import type { CommentService } from '../comments/service.js';
import type { RegistrationRepo } from '../store/registrationRepo.js';
import type { Repo } from '../store/repo.js';
import type { TurnRepo } from '../store/turnRepo.js';
import { buildRecord, recordHtml, recordMarkdown, type SessionRecord } from './record.js';
import { commentsCsv } from './recordComments.js';
import { voicesOf, withVoice } from './voices.js';

const TRANSCRIPT_MAX_LINES = 100_000;

export interface RecordDeps {
  repo: Repo;
  turns: TurnRepo;
  captions: CaptionService;
  registrations: RegistrationRepo;
  comments: CommentService;
  /** The public address, for the links to comments' files in the record and its exports. */
  publicUrl: () => string;
  now: () => Date;
}

/** Keeps the turns as the floor changes hands, and publishes the record once the session has ended. */
export function createRecordService(deps: RecordDeps) {
  async function build(sessionId: string): Promise<SessionRecord | null> {
    const session = await deps.repo.getSession(sessionId);
    if (!session?.record_published_at) return null;
    const turns = await deps.turns.list(sessionId);
    const lines = await deps.captions.linesAfter(sessionId, 0, TRANSCRIPT_MAX_LINES);
    const [registered, invites, comments, received, commentSession] = await Promise.all([
      deps.registrations.countRegistered(sessionId),
      deps.repo.listInvites(sessionId),
      deps.comments.publicComments(sessionId, deps.publicUrl()),
      deps.comments.countByStatus(sessionId),
      deps.comments.load(sessionId),
    ]);
    return buildRecord({
      session: {
        id: session.id,
        title: session.title,
        description: session.description,
        focus: session.focus,
        startsAt: session.starts_at,
        endsAt: session.ends_at,
        timeZone: session.time_zone,
      },
      turns: turns.map((t) => ({
        participantId: t.participant_id,
        name: t.name,
        kind: t.kind === 'remark' ? 'remark' : 'speak',
        topic: t.topic,
        remark: t.remark,
        startedAt: t.started_at,
        endedAt: t.ended_at,
        voicedBy: voicesOf(t.voiced_by),
      })),
      // Every caption language is part of the record; a line taken back (C17 in
      // server/captions/SPEC.md) is not.
      transcript: lines.filter((l) => l.text !== ''),
      publishedAt: session.record_published_at,
      comments,
      tallies: {
        registered,
        // The public who came into the room: a link that joined, revoked since or not.
        attended: invites.filter((i) => AUDIENCE_ROLES.includes(i.role) && i.joined_at !== null).length,
        commentsReceived: Object.values(received).reduce((sum, n) => sum + n, 0),
      },
      commentPeriod: commentSession?.settings,
    });
  }

  return {
    /**
     * Called when the floor changes hands (null: back to the moderator), in the queue's own
     * transaction (`turns` on it), so the record and the queue change together.
     */
    floorChanged(sessionId: string, floor: Floor | null, turns: TurnRepo = deps.turns, at = deps.now()) {
      const next = floor && {
        participant_id: floor.participantId,
        name: floor.name,
        kind: floor.kind,
        topic: floor.topic || null,
        remark: floor.remark,
        started_at: floor.startedAt,
        voiced_by: withVoice(null, floor.voicedBy?.name ?? null),
      };
      return turns.change(sessionId, next, at.toISOString());
    },

    /** Publishes the record of an ended session; false when the session is not ended. */
    async publish(sessionId: string): Promise<'published' | 'not-found' | 'not-ended'> {
      const session = await deps.repo.getSession(sessionId);
      if (!session) return 'not-found';
      if (session.status !== 'ended') return 'not-ended';
      // Whoever still held the floor at the end stopped when the session did.
      await deps.turns.change(sessionId, null, deps.now().toISOString());
      await deps.repo.publishRecord(sessionId, deps.now());
      return 'published';
    },

    published: build,

    /** The published records, newest session first: public facts only (title, focus, times, zone). */
    async list({ limit, offset }: RecordsQuery): Promise<RecordsPage> {
      const published = (await deps.repo.listSessions())
        .filter((s) => s.record_published_at !== null)
        .reverse();
      const records = published.slice(offset, offset + limit).map((s): RecordListing => ({
        id: s.id,
        title: s.title,
        focus: s.focus,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        timeZone: s.time_zone,
        publishedAt: s.record_published_at!,
      }));
      return { records, total: published.length };
    },

    /** W14: the record's public comments alone, as CSV or JSON. */
    renderComments(record: SessionRecord, format: 'csv' | 'json'): string {
      if (format === 'csv') return commentsCsv(record.comments);
      return JSON.stringify({ session: record.session, comments: record.comments }, null, 2);
    },

    render(record: SessionRecord, format: 'json' | 'md' | 'html'): string {
      if (format === 'md') return recordMarkdown(record);
      if (format === 'html') return recordHtml(record);
      return JSON.stringify(record, null, 2);
    },
  };
}

export type RecordService = ReturnType<typeof createRecordService>;
