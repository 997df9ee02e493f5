import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  CAPTION_LINE_MAX_CHARS,
  DEFAULT_CAPTION_LANG,
  langSchema,
  type CaptionLine,
} from '../../../shared/captions.js';
import type { Ack, Participant, PayloadOf } from '../../../shared/protocol.js';
import { ShortcutList } from '../lib/ShortcutList';
import { ask, type RoomSocket } from '../lib/socket';
import { CaptionUrlCopy } from './CaptionUrlCopy';
import { LineCorrections, RECENT_LINES } from './LineCorrections';
import { createLineSender } from './lineSender';
import { PenStatus, type PenView } from './PenStatus';
import { SPEAKER_SHORTCUTS, speakerFromShortcut } from './speakerShortcuts';
import './console.css';

const INSERTS: Record<string, string> = { KeyI: '[inaudible]', KeyL: '[laughter]', KeyA: '[applause]' };

export const CONSOLE_SHORTCUTS = [
  ['Enter', 'Commit the line'],
  ['Escape', 'Clear the line in progress'],
  ['Alt+S', 'Go to the speaker name'],
  ['Alt+C', 'Back to the caption input'],
  ['Alt+I, Alt+L, Alt+A', 'Insert [inaudible], [laughter], [applause]'],
  ['Alt+R', 'Correct the last committed line (Enter saves, Escape cancels)'],
  ...SPEAKER_SHORTCUTS,
] as const;

/** A fresh id for a line (C14): 16 random characters, unique enough for one session's lines. */
function newLineId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

interface CaptionConsoleProps {
  socket: RoomSocket;
  /** Whose name lines carry unless the captioner overrides it: the floor holder's. */
  floorName: string | null;
  captionUrl: string | null;
  /** The committed lines the page holds (every track): the recent ones can be corrected (C18). */
  lines: CaptionLine[];
  /** Who holds the pen of each track (A26-A29), and the people, to name them. */
  pens: Readonly<Record<string, string>>;
  people: Participant[];
  selfId: string;
  /** The interpreter pinned now: who voices a Deaf speaker (Alt+V). */
  interpreterId: string | null;
}

/** Who holds the pen of `lang`, as the console shows it. */
function penOf(props: CaptionConsoleProps, lang: string): PenView {
  const id = props.pens[lang];
  if (!id) return { holder: null, lang };
  const name = props.people.find((p) => p.id === id)?.name ?? 'Another captioner';
  return { holder: { name, self: id === props.selfId }, lang };
}

/** The people the speaker shortcuts name, as the room is now. */
function candidatesOf(props: CaptionConsoleProps) {
  const moderator = props.people.find((p) => p.role === 'moderator' && p.online) ?? null;
  const interpreter = props.people.find((p) => p.id === props.interpreterId) ?? null;
  return {
    floor: props.floorName,
    moderator: moderator?.name ?? null,
    interpreter: interpreter?.name ?? null,
  };
}

/**
 * The captioner's console: the line streams as it is typed and corrected, and Enter commits it;
 * who speaks, who holds the pen and the recent lines to correct sit around it, all by keyboard.
 * It sits in the room's side panel, which gives it its region and heading.
 */
export function CaptionConsole(props: CaptionConsoleProps) {
  const { socket, floorName, captionUrl } = props;
  const [text, setText] = useState('');
  const [speaker, setSpeaker] = useState('');
  const [speakerNotice, setSpeakerNotice] = useState('');
  const [lang, setLang] = useState(DEFAULT_CAPTION_LANG);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const speakerInput = useRef<HTMLInputElement>(null);
  // C14: every line gets an id of its own, sent with each change and its commit, so a change
  // that reaches the server late (its node hung, the page resent it elsewhere) is known as such.
  const lineId = useRef<string | null>(null);
  const langOk = langSchema.safeParse(lang).success;
  const { sender, answered } = useLineSender(socket, setError);
  const recent = useMemo(
    () => props.lines.filter((l) => l.lang === lang && l.text !== '').slice(-RECENT_LINES),
    [props.lines, lang],
  );
  const takeOver = () => void ask(socket, 'caption:take-pen', { lang }).then(answered);
  const correct = (seq: number, text: string) => ask(socket, 'caption:correct', { seq, text });

  const write = (value: string, who = speaker.trim()) => {
    setText(value);
    if (!langOk) return;
    lineId.current ??= newLineId();
    sender.change({ text: value, lang, line: lineId.current, ...(who ? { speaker: who } : {}) });
  };

  /** A speaker shortcut: the lines from now on (the one in progress too) carry this name. */
  const chooseSpeaker = (name: string) => {
    setSpeaker(name);
    setSpeakerNotice(name ? `Speaker: ${name}.` : 'Speaker: whoever has the floor.');
    if (text) write(text, name);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (langOk) {
        const line = lineId.current ?? undefined;
        sender.commit(() => ask(socket, 'caption:commit', { lang, line }).then(answered));
      }
      lineId.current = null;
      setText('');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      write('');
    } else if (e.altKey && INSERTS[e.code]) {
      e.preventDefault();
      const el = e.currentTarget;
      const insert = INSERTS[e.code]!;
      write(`${el.value.slice(0, el.selectionStart)}${insert}${el.value.slice(el.selectionEnd)}`);
    }
  };

  // The Alt shortcuts work from anywhere in the room: the captioner's hands stay on the keyboard.
  const onRoomKey = (e: globalThis.KeyboardEvent) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const named = speakerFromShortcut(e.code, candidatesOf(props));
    const last = recent.at(-1)?.seq;
    const focus = e.code === 'KeyS' ? speakerInput.current : e.code === 'KeyC' ? input.current : null;
    if (named === undefined && focus === null && (e.code !== 'KeyR' || last === undefined)) return;
    e.preventDefault();
    if (named !== undefined) chooseSpeaker(named);
    else if (focus) focus.focus();
    else setEditing(last!);
  };
  const roomKey = useRef(onRoomKey);
  useEffect(() => {
    roomKey.current = onRoomKey;
  });
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => roomKey.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="caption-console">
      <div className="console-input">
        <PenStatus pen={penOf(props, lang)} onTakeOver={takeOver} />
        <label htmlFor="caption-input">Caption input</label>
        <textarea
          id="caption-input"
          ref={input}
          value={text}
          maxLength={CAPTION_LINE_MAX_CHARS}
          rows={3}
          aria-describedby="caption-input-hint"
          onChange={(e) => write(e.target.value.replace(/\r?\n/g, ' '))}
          onKeyDown={onKeyDown}
        />
        <p id="caption-input-hint" className="hint">
          Viewers see the line as you type it. Enter commits it; Escape clears it; Alt+R corrects the last
          line.
        </p>
      </div>
      <div className="console-fields">
        <label>
          Speaker name{' '}
          <input
            ref={speakerInput}
            value={speaker}
            maxLength={80}
            placeholder={floorName ?? ''}
            aria-describedby="speaker-hint"
            onChange={(e) => setSpeaker(e.target.value)}
          />
        </label>
        <span id="speaker-hint" className="hint">
          Empty: lines carry the name of whoever has the floor{floorName ? ` (now ${floorName})` : ''}. Alt+P
          the floor, Alt+M the moderator, Alt+V the interpreter voicing, Alt+U Unidentified.
        </span>
        <span role="status" className="visually-hidden">
          {speakerNotice}
        </span>
        <label>
          Language tag{' '}
          <input
            value={lang}
            size={8}
            aria-invalid={!langOk}
            aria-describedby="lang-hint"
            onChange={(e) => setLang(e.target.value)}
          />
        </label>
        <span id="lang-hint" className="hint">
          {langOk ? 'A language tag such as en-US or es-MX.' : 'Not a language tag: use one such as en-US.'}
        </span>
      </div>
      <p role="alert" className="alert">
        {error}
      </p>
      <LineCorrections
        lines={recent}
        editing={editing}
        onEdit={setEditing}
        onSave={correct}
        onDone={() => input.current?.focus()}
      />
      {captionUrl && <CaptionUrlCopy captionUrl={captionUrl} />}
      <details className="settings">
        <summary>Console shortcuts</summary>
        <ShortcutList list={CONSOLE_SHORTCUTS} />
      </details>
    </div>
  );
}

/** The console's line sender (lineSender.ts) on this socket; a refusal is shown, a success clears it. */
function useLineSender(socket: RoomSocket, setError: (message: string | null) => void) {
  const answered = useCallback((result: Ack) => setError(result.ok ? null : result.message), [setError]);
  const sender = useMemo(
    () =>
      createLineSender<PayloadOf<'caption:update'>>({
        update: (change) => ask(socket, 'caption:update', change).then(answered),
      }),
    [socket, answered],
  );
  useEffect(() => () => sender.dispose(), [sender]);
  return { sender, answered };
}
