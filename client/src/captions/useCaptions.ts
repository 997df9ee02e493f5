import { useEffect, useState } from 'react';
import {
  CAPTION_SYNC_MAX_LINES,
  type CaptionLine,
  type CaptionPartial,
} from '../../../shared/captionBasics.js';
import { ask, type RoomSocket } from '../lib/socket';
import { createSeqTracker } from './seqTracker';

/** Lines kept in the page; the transcript download has the rest. */
const KEPT_LINES = 1000;

export interface CaptionFeed {
  /** Committed lines of every language, in seq order, without gaps since the first one shown. */
  lines: CaptionLine[];
  /** The line being written, per language. */
  partials: Readonly<Record<string, CaptionPartial>>;
  /** Lines up to this seq were history when the page joined: shown, never announced. */
  historyUpTo: number | null;
}

const EMPTY: CaptionFeed = { lines: [], partials: {}, historyUpTo: null };

function merge(lines: CaptionLine[], more: CaptionLine[]): CaptionLine[] {
  const bySeq = new Map(lines.map((l) => [l.seq, l]));
  for (const line of more) bySeq.set(line.seq, line);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-KEPT_LINES);
}

/** Where to catch up from: on each (re)join, and whenever a live line shows one was missed. */
interface SyncRequest {
  joins: number;
  afterSeq: number;
  /** Counts the catch-ups asked for by a missed line, so each starts one. */
  gaps: number;
}

/**
 * The caption feed over Socket.IO, independent of media. On every (re)join it asks for the lines
 * after the last one it has (C8), so a drop loses nothing and repeats nothing; live lines that
 * race the answer are merged by seq. A live line that skips a number (its predecessor's broadcast
 * was lost with a server that died, or overtaken through another server) makes it ask for the
 * missing ones at once, rather than at the next reconnection.
 */
export function useCaptions(socket: RoomSocket, joins: number): CaptionFeed {
  const [feed, setFeed] = useState<CaptionFeed>(EMPTY);
  const [lastSeq, setLastSeq] = useState(0);
  const [held] = useState(createSeqTracker);
  const [syncFrom, setSyncFrom] = useState<SyncRequest | null>(null);

  useEffect(() => {
    const onLine = (line: CaptionLine) => {
      const missing = held.add(line.seq);
      if (missing !== null) setSyncFrom((s) => s && { ...s, afterSeq: missing, gaps: s.gaps + 1 });
      // The committed line replaces the line in progress at once: the server's new partial for
      // that language follows it, and until then the same words must not show twice.
      setFeed((f) => {
        const partials = { ...f.partials };
        delete partials[line.lang];
        return { ...f, lines: merge(f.lines, [line]), partials };
      });
      setLastSeq((s) => Math.max(s, line.seq));
    };
    const onPartial = (partial: CaptionPartial) =>
      setFeed((f) => ({ ...f, partials: { ...f.partials, [partial.lang]: partial } }));
    socket.on('caption:line', onLine);
    socket.on('caption:partial', onPartial);
    return () => {
      socket.off('caption:line', onLine);
      socket.off('caption:partial', onPartial);
    };
  }, [socket, held]);

  // lastSeq is read when a join happens, not followed: a new line must not start another sync.
  if (joins > 0 && syncFrom?.joins !== joins) {
    setSyncFrom({ joins, afterSeq: lastSeq, gaps: 0 });
    // A line being written while we were away may have been finished since: the next partial tells.
    setFeed((f) => ({ ...f, partials: {} }));
  }

  useEffect(() => {
    if (!syncFrom) return;
    let current = true;
    void (async () => {
      let after = syncFrom.afterSeq;
      for (;;) {
        const result = await ask(socket, 'caption:sync', { afterSeq: after });
        if (!current || !result.ok) return;
        const history = syncFrom.joins === 1 && after === 0;
        const upTo = result.lines.at(-1)?.seq ?? after;
        setFeed((f) => ({
          ...f,
          lines: merge(f.lines, result.lines),
          historyUpTo: history ? upTo : (f.historyUpTo ?? 0),
        }));
        setLastSeq((s) => Math.max(s, upTo));
        held.start((result.lines[0]?.seq ?? after + 1) - 1);
        for (const line of result.lines) held.add(line.seq);
        if (result.lines.length < CAPTION_SYNC_MAX_LINES) return;
        after = upTo;
      }
    })();
    return () => {
      current = false;
    };
  }, [socket, syncFrom, held]);

  return feed;
}
