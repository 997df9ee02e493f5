import { z } from 'zod';

/** How many records one page of the public list holds at most. */
export const RECORDS_PAGE_MAX = 100;

/** GET /api/public/records: which page of the published records, newest session first. */
export const recordsQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int('limit must be a whole number.')
      .min(1, 'limit must be at least 1.')
      .max(RECORDS_PAGE_MAX, `limit must be at most ${RECORDS_PAGE_MAX}.`)
      .default(20),
    offset: z.coerce
      .number()
      .int('offset must be a whole number.')
      .min(0, 'offset cannot be below zero.')
      .max(1_000_000, 'offset is too large.')
      .default(0),
  })
  .strict();
export type RecordsQuery = z.infer<typeof recordsQuerySchema>;

/** A published record as the public list shows it: what the session was and when, nothing private. */
export interface RecordListing {
  id: string;
  title: string;
  focus: string;
  /** ISO instants; shown in `timeZone`, the session's own. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  publishedAt: string;
}

export interface RecordsPage {
  records: RecordListing[];
  /** How many records are published in all. */
  total: number;
}

/** The counts a published record gives (W13): who came, who spoke, what was written and sent. */
export interface RecordCounts {
  /** Registrations that held a place. */
  registered: number;
  /** People of the public (speakers and attendees) who joined the room. */
  attended: number;
  /** People who spoke from the floor. */
  spoke: number;
  writtenRemarks: number;
  comments: {
    /** Every comment sent in the period, whatever was decided. */
    received: number;
    /** Those in the record (published, or read into it). */
    public: number;
    written: number;
    video: number;
    /** Comments in a sign language. */
    signed: number;
    /** The public comments by topic, in the order the topics first appear; '' for no topic. */
    byTopic: { topic: string; count: number }[];
  };
}

/** The dates of a record: the session's, its comment period's, and the publication's (ISO instants). */
export interface RecordDates {
  startsAt: string;
  endsAt: string;
  timeZone: string;
  commentsOpenedAt: string | null;
  commentsClosedAt: string | null;
  publishedAt: string;
}
