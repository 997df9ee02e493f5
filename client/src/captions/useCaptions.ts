import { useEffect, useState } from 'react';
import {
  CAPTION_SYNC_MAX_LINES,
  type CaptionLine,
  type CaptionPartial,
} from '../../../shared/captionBasics.js';
import { ask, type RoomSocket } from '../lib/socket';
import { EMPTY_FEED, lineArrived, lineCorrected, partialArrived, synced, type CaptionFeed } from './feed';
import { createSeqTracker } from './seqTracker';

export type { Announcement, CaptionFeed } from './feed';

/** Where to catch up from: on each (re)join, and whenever a live line shows one was missed. */
interface SyncRequest {
  joins: number;
  afterSeq: number;
  /** Counts the catch-ups asked for by a missed line, so each starts one. */
  gaps: number;
}

/**
 * The caption feed over Socket.IO, independent of media. On every (re)join it asks for the lines
 * after the last one it has (C8), and for the corrections after the last it knows (C19), so a drop
 * loses nothing and repeats nothing; live lines and corrections that race the answer are merged by
 * seq, the later correction winning. A live line that skips a number (its predecessor's broadcast
 * was lost with a server that died, or overtaken through another server) makes it ask for the
 * missing ones at once, rather than at the next reconnection.
 */
export function useCaptions(socket: RoomSocket, joins: number): CaptionFeed {
  const [feed, setFeed] = useState<CaptionFeed>(EMPTY_FEED);
  const [lastSeq, setLastSeq] = useState(0);
  const [held] = useState(createSeqTracker);
  // The session's correction count the page is up to (what a catch-up asks after), and the server's
  // clock minus the page's, as the last catch-up measured it (the lag indicator's).
  const [fixes] = useState(() => ({ known: 0, offsetMs: 0 }));
  const [syncFrom, setSyncFrom] = useState<SyncRequest | null>(null);

  useEffect(() => {
    const arrival = () => ({ at: Date.now(), offsetMs: fixes.offsetMs });
    const onLine = (line: CaptionLine) => {
      const missing = held.add(line.seq);
      if (missing !== null) setSyncFrom((s) => s && { ...s, afterSeq: missing, gaps: s.gaps + 1 });
      const arrived = arrival();
      setFeed((f) => lineArrived(f, line, arrived));
      setLastSeq((s) => Math.max(s, line.seq));
    };
    const onCorrected = (line: CaptionLine) => {
      fixes.known = Math.max(fixes.known, line.fix ?? 0);
      const arrived = arrival();
      setFeed((f) => lineCorrected(f, line, arrived));
    };
    const onPartial = (partial: CaptionPartial) => {
      const arrived = arrival();
      setFeed((f) => partialArrived(f, partial, arrived));
    };
    socket.on('caption:line', onLine);
    socket.on('caption:corrected', onCorrected);
    socket.on('caption:partial', onPartial);
    return () => {
      socket.off('caption:line', onLine);
      socket.off('caption:corrected', onCorrected);
      socket.off('caption:partial', onPartial);
    };
  }, [socket, held, fixes]);

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
        const sentAt = Date.now();
        const result = await ask(socket, 'caption:sync', { afterSeq: after, afterFix: fixes.known });
        if (!current || !result.ok) return;
        // The server read its clock about halfway through the round trip.
        if (result.now) fixes.offsetMs = Date.parse(result.now) - (sentAt + Date.now()) / 2;
        const history = syncFrom.joins === 1 && after === 0;
        const upTo = result.lines.at(-1)?.seq ?? after;
        const missed = result.fixes ?? [];
        // Up to the session's count, unless the answer was cut short (then up to its last).
        const knownNow = missed.length < CAPTION_SYNC_MAX_LINES ? result.lastFix : missed.at(-1)?.fix;
        fixes.known = Math.max(fixes.known, knownNow ?? 0);
        setFeed((f) => synced(f, result.lines, missed, history, upTo));
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
  }, [socket, syncFrom, held, fixes]);

  return feed;
}
