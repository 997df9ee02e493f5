import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import type { CaptionLine, CaptionPartial } from '../../../shared/captionBasics.js';
import { CAPTION_FONTS, type CaptionSettings } from './settings';

// Within this many pixels of the end counts as "at the end" (zoom rounding).
const AT_END_PX = 4;
// How many announced lines stay in the live region's DOM; older ones are dropped, never re-read.
const ANNOUNCED_KEPT = 3;

interface CaptionLogProps {
  lines: CaptionLine[];
  partial: CaptionPartial | undefined;
  historyUpTo: number | null;
  settings: CaptionSettings;
}

function styleOf(settings: CaptionSettings): CSSProperties {
  return {
    '--caption-size': `${settings.size / 100}`,
    '--caption-lines': `${settings.lines}`,
    color: settings.text,
    backgroundColor: settings.background,
    fontFamily: CAPTION_FONTS[settings.font].css,
  } as CSSProperties;
}

/** A speaker's name is written when it changes, as CART writers do with ">>". */
function Line({ speaker, text, showSpeaker }: { speaker: string; text: string; showSpeaker: boolean }) {
  return (
    <>
      {showSpeaker && <span className="caption-speaker">{speaker}: </span>}
      {text}
    </>
  );
}

/**
 * The caption log: committed lines scroll up, the line in progress updates in place below them.
 * The visible log is not a live region (it changes on every keystroke); each committed line is
 * announced once through a separate polite region, which viewers can switch off.
 */
export function CaptionLog({ lines, partial, historyUpTo, settings }: CaptionLogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState(true);
  const lastLine = lines.at(-1);

  // Keep the newest text in view while live; leave the reader where they are when they scrolled back.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (live && el) el.scrollTop = el.scrollHeight;
  }, [live, lastLine, partial?.text, settings]);

  // Announced: lines that arrived live since announcements were (last) turned on. Never the history
  // a late joiner is shown, never a line twice: a line's node stays until three newer ones follow.
  const lastSeq = lastLine?.seq ?? 0;
  const [since, setSince] = useState({ announce: settings.announce, seq: lastSeq });
  if (since.announce !== settings.announce) setSince({ announce: settings.announce, seq: lastSeq });
  const from = Math.max(historyUpTo ?? Infinity, since.seq);
  const announced = settings.announce ? lines.filter((l) => l.seq > from).slice(-ANNOUNCED_KEPT) : [];

  const onScroll = () => {
    const el = scroller.current;
    if (el) setLive(el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX);
  };
  const jumpToLive = () => {
    setLive(true);
    // The button goes away with the jump: keep focus in the log rather than losing it to the page.
    scroller.current?.focus();
  };
  const partialShowsSpeaker = !!partial?.text && partial.speaker !== lastLine?.speaker;

  return (
    <div className={`caption-log position-${settings.position}`} style={styleOf(settings)}>
      <div
        ref={scroller}
        className="caption-scroll"
        role="log"
        aria-label="Captions"
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
      >
        {lines.length === 0 && !partial?.text && <p className="caption-empty">No captions yet.</p>}
        {lines.map((line, i) => (
          <p key={line.seq} className="caption-line" lang={line.lang}>
            <Line {...line} showSpeaker={line.speaker !== lines[i - 1]?.speaker} />
          </p>
        ))}
        {partial?.text && (
          <p className="caption-line caption-partial" lang={settings.lang}>
            <Line speaker={partial.speaker} text={partial.text} showSpeaker={partialShowsSpeaker} />
          </p>
        )}
      </div>
      {!live && (
        <button type="button" className="button jump-to-live" onClick={jumpToLive}>
          Jump to live
        </button>
      )}
      <div className="visually-hidden" aria-live={settings.announce ? 'polite' : 'off'}>
        {announced.map((line, i) => (
          <p key={line.seq} lang={line.lang}>
            <Line {...line} showSpeaker={line.speaker !== announced[i - 1]?.speaker} />
          </p>
        ))}
      </div>
    </div>
  );
}
