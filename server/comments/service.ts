import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  ATTACHMENTS_MAX,
  commentPeriodAt,
  PUBLIC_COMMENT_STATUSES,
  STATUS_AFTER,
  VIDEO_TYPES,
  videoMaxBytes,
  type CommentKind,
  type CommentRules,
  type CommentSettings,
  type CommentStatus,
  type ModeratedComment,
  type ModerationDecision,
  type PublicComment,
  type PublicCommentSettings,
  type VideoCommentInput,
  type WrittenCommentInput,
} from '../../shared/comments.js';
import { decide, type PolicyDecision } from '../policy/policy.js';
import type { CommentRepo, CommentRow } from '../store/commentRepo.js';
import type { Repo, SessionRow } from '../store/repo.js';
import type { CommentMail } from './mail.js';
import type { CommentStorage } from './storage.js';
import { discard, type StoredUpload } from './uploads.js';
import { fileNameFor, filesByComment, toModeratedComment, toPublicComment } from './views.js';

export interface CommentDeps {
  repo: Repo;
  comments: CommentRepo;
  storage: CommentStorage;
  mail: CommentMail;
  now: () => Date;
}

/** A session and its comment settings, read together for a decision. */
export interface CommentSession {
  session: SessionRow;
  settings: CommentSettings;
}

export type ModerationOutcome =
  { ok: true; comment: ModeratedComment } | { ok: false; status: 404 | 409; error: string; message: string };

/** The topics a commenter chooses from: the organizer's, or the session's focus as the one topic (W2). */
export function rulesOf({ session, settings }: CommentSession): CommentRules {
  return {
    wordLimit: settings.wordLimit,
    anonymousAllowed: settings.anonymousAllowed,
    videoMaxSeconds: settings.videoMaxSeconds,
    topics: settings.topics.length ? settings.topics : session.focus ? [session.focus] : [],
  };
}

/** The comments of the public (server/comments/SPEC.md): taken in the period, moderated, made public. */
export function createCommentService(deps: CommentDeps) {
  const { comments } = deps;

  async function load(sessionId: string): Promise<CommentSession | null> {
    const session = await deps.repo.getSession(sessionId);
    return session ? { session, settings: await comments.settings(sessionId) } : null;
  }

  /** A32: whether the public may send a comment to this session now. */
  function mayComment({ session, settings }: CommentSession): PolicyDecision {
    return decide('comments:submit', {
      role: 'public',
      status: session.status,
      publicComments: session.public_comments === 1,
      commentPeriod: commentPeriodAt(settings, deps.now().getTime()),
    });
  }

  async function moderated(rows: CommentRow[]): Promise<ModeratedComment[]> {
    const files = filesByComment(await comments.filesOf(rows.map((r) => r.id)));
    return rows.map((r) => toModeratedComment(r, files.get(r.id) ?? []));
  }

  return {
    load,
    mayComment,

    publicSettings(cs: CommentSession): PublicCommentSettings {
      const { session, settings } = cs;
      const rules = rulesOf(cs);
      return {
        session: {
          id: session.id,
          title: session.title,
          focus: session.focus,
          startsAt: session.starts_at,
          endsAt: session.ends_at,
          timeZone: session.time_zone,
        },
        opensAt: settings.opensAt,
        closesAt: settings.closesAt,
        period: commentPeriodAt(settings, deps.now().getTime()),
        takesComments: session.public_comments === 1 && session.status !== 'cancelled',
        now: deps.now().toISOString(),
        wordLimit: rules.wordLimit,
        anonymousAllowed: rules.anonymousAllowed,
        videoMaxSeconds: rules.videoMaxSeconds,
        videoMaxBytes: videoMaxBytes(rules.videoMaxSeconds),
        topics: rules.topics,
        attachmentsMax: ATTACHMENTS_MAX,
        attachmentMaxBytes: ATTACHMENT_MAX_BYTES,
        attachmentTypes: Object.keys(ATTACHMENT_TYPES),
        videoTypes: Object.keys(VIDEO_TYPES),
      };
    },

    /**
     * Stores a checked comment, pending, with the files already in the storage; when the store
     * fails, the files go too, so a refused or failed comment leaves nothing behind.
     */
    async submit(
      sessionId: string,
      kind: CommentKind,
      input: WrittenCommentInput | VideoCommentInput,
      uploads: StoredUpload[],
    ): Promise<CommentRow> {
      const video = kind === 'video' ? (input as VideoCommentInput) : null;
      try {
        const { comment } = await comments.insert(
          sessionId,
          {
            kind,
            name: input.name,
            anonymous: input.anonymous ? 1 : 0,
            email: input.email,
            organization: input.organization,
            topic: input.topic,
            text: video ? video.summary : (input as WrittenCommentInput).text,
            transcript: video?.transcript ?? '',
            signed: video?.signed ? 1 : 0,
            duration_seconds: uploads.find((u) => u.role === 'video')?.seconds ?? null,
          },
          uploads.map((u) => ({
            role: u.role,
            storage_key: u.key,
            name: fileNameFor(u.originalName, u.type),
            media_type: u.type,
            size: u.size,
          })),
          deps.now(),
        );
        return comment;
      } catch (err) {
        await discard(deps.storage, uploads).catch(() => undefined);
        throw err;
      }
    },

    async list(sessionId: string, status: CommentStatus | 'all'): Promise<ModeratedComment[]> {
      return moderated(await comments.list(sessionId, status === 'all' ? undefined : [status]));
    },

    /** W7, W8: a moderator's decision, told to the commenter by email. */
    async moderate(
      cs: CommentSession,
      commentId: string,
      decision: ModerationDecision,
      by: string,
    ): Promise<ModerationOutcome> {
      const found = await comments.get(commentId);
      if (!found || found.session_id !== cs.session.id) {
        return {
          ok: false,
          status: 404,
          error: 'not-found',
          message: 'No comment with this id in this session.',
        };
      }
      const to = STATUS_AFTER[decision.action];
      if (found.status === to) {
        return { ok: false, status: 409, error: 'wrong-state', message: `This comment is already ${to}.` };
      }
      const reason = decision.reason ?? null;
      if (!(await comments.decide(found.id, found.status, to, reason, by, deps.now()))) {
        return {
          ok: false,
          status: 409,
          error: 'wrong-state',
          message:
            'Another moderator decided on this comment at the same moment: reload to see what they decided.',
        };
      }
      const decided = (await comments.get(found.id))!;
      deps.mail.decided(cs.session, cs.settings.closesAt, decided);
      return { ok: true, comment: (await moderated([decided]))[0]! };
    },

    /** W9: the session's public comments, in order, their files under `base`. */
    async publicComments(sessionId: string, base: string): Promise<PublicComment[]> {
      const rows = await comments.list(sessionId, PUBLIC_COMMENT_STATUSES);
      const files = filesByComment(await comments.filesOf(rows.map((r) => r.id)));
      return rows.map((r) => toPublicComment(r, files.get(r.id) ?? [], base));
    },

    countByStatus: (sessionId: string) => comments.countByStatus(sessionId),
  };
}

export type CommentService = ReturnType<typeof createCommentService>;
