import { useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import type { CaptionLine, CaptionPartial } from '../../../shared/captionBasics.js';
import type { Announcement } from './feed';
import { CAPTION_FONTS, type CaptionSettings } from './settings';

// Within this many pixels of the end counts as "at the end" (zoom rounding).
const AT_END_PX = 4;
// How many announced lines stay in the live region's DOM; older ones are dropped, never re-read.
const ANNOUNCED_KEPT = 3;

interface CaptionLogProps {
  lines: CaptionLine[];
  partial: CaptionPartial | undefined;
  /** What a screen reader is told, oldest first: new lines and corrections (C19), each once. */
  announcements: Announcement[];
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

/** The visible lines: a line taken back (C17) shows nowhere; a reopened one (C16) shows being rewritten. */
function visibleLines(lines: CaptionLine[], partial: CaptionPartial | undefined) {
  const reopened = partial?.reopens;
  return lines
    .filter((l) => l.text !== '' || l.seq === reopened)
    .map((l) =>
      l.seq === reopened ? { ...l, speaker: partial!.speaker, text: partial!.text, writing: true } : l,
    );
}

/**
 * The caption log: committed lines scroll up, the line in progress updates in place below them (or
 * in the place of the line it rewrites, C16). The visible log is not a live region (it changes on
 * every keystroke); each committed line, and each correction of one ("Line corrected: …"), is
 * announced once through a separate polite region, which viewers can switch off.
 */
export function CaptionLog({ lines: committed, partial, announcements, settings }: CaptionLogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [live, setLive] = useState(true);
  const lines = visibleLines(committed, partial);
  const lastLine = lines.at(-1);
  const inPlace = partial?.reopens !== undefined && lines.some((l) => l.seq === partial.reopens);

  // Keep the newest text in view while live; leave the reader where they are when they scrolled back.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (live && el) el.scrollTop = el.scrollHeight;
  }, [live, lastLine, partial?.text, settings]);

  // Announced: what arrived live since announcements were (last) turned on. Never the history a late
  // joiner is shown, never a thing twice: each has a node of its own (a correction a new one, so
  // the line is not read again as it changes), which stays until three newer ones follow.
  const lastN = announcements.at(-1)?.n ?? 0;
  const [since, setSince] = useState({ announce: settings.announce, n: lastN });
  if (since.announce !== settings.announce) setSince({ announce: settings.announce, n: lastN });
  const announced = settings.announce
    ? announcements.filter((a) => a.n > since.n && a.line.text !== '').slice(-ANNOUNCED_KEPT)
    : [];

  const onScroll = () => {
    const el = scroller.current;
    if (el) setLive(el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX);
  };
  const jumpToLive = () => {
    setLive(true);
    // The button goes away with the jump: keep focus in the log rather than losing it to the page.
    scroller.current?.focus();
  };
  const partialShowsSpeaker = !!partial?.text && !inPlace && partial.speaker !== lastLine?.speaker;

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
          <p
            key={line.seq}
            className={'writing' in line ? 'caption-line caption-partial' : 'caption-line'}
            lang={line.lang}
          >
            <Line {...line} showSpeaker={line.speaker !== lines[i - 1]?.speaker} />
          </p>
        ))}
        {partial?.text && !inPlace && (
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
        {announced.map(({ n, line, corrected }, i) => (
          <p key={n} lang={line.lang}>
            {corrected && 'Line corrected: '}
            <Line {...line} showSpeaker={corrected || line.speaker !== announced[i - 1]?.line.speaker} />
          </p>
        ))}
      </div>
    </div>
  );
}
