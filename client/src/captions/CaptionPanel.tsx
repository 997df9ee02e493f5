import { useCallback, useMemo } from 'react';
import { DEFAULT_CAPTION_LANG } from '../../../shared/captionBasics.js';
import { usePersistentState } from '../lib/usePersistentState';
import { CaptionLog } from './CaptionLog';
import { lagText, useCaptionStatus, type CaptionRoom } from './captionStatus';
import './captions.css';
import { CaptionSettingsForm } from './CaptionSettingsForm';
import {
  CAPTION_SETTINGS_KEY,
  captionSettingsSchema,
  DEFAULT_CAPTION_SETTINGS,
  type CaptionSettings,
} from './settings';
import type { CaptionFeed } from './useCaptions';

const FORMATS = [
  { format: 'txt', label: 'Text' },
  { format: 'vtt', label: 'WebVTT' },
  { format: 'srt', label: 'SRT' },
] as const;

/** The viewer's caption settings, shared by the room and the captions-only page (and their tabs). */
export function useCaptionSettings() {
  const [settings, setSettings] = usePersistentState(
    CAPTION_SETTINGS_KEY,
    captionSettingsSchema,
    DEFAULT_CAPTION_SETTINGS,
  );
  const change = useCallback(
    (delta: Partial<CaptionSettings>) => setSettings((current) => ({ ...current, ...delta })),
    [setSettings],
  );
  return { settings, change };
}

function TranscriptLinks({ sessionId, token, lang }: { sessionId: string; token: string; lang: string }) {
  const query = (format: string) => new URLSearchParams({ format, lang, token }).toString();
  return (
    <p className="transcript-links">
      Download the transcript so far:{' '}
      {FORMATS.map(({ format, label }, i) => (
        <span key={format}>
          {i > 0 && ', '}
          <a href={`/api/transcripts/${sessionId}?${query(format)}`} download>
            {label}
          </a>
        </span>
      ))}
    </p>
  );
}

interface CaptionOptionsProps {
  feed: CaptionFeed;
  settings: CaptionSettings;
  onChange: (change: Partial<CaptionSettings>) => void;
  sessionId: string;
  token: string;
  /** On the captions-only page there is no link to itself and no video to place the captions by. */
  standalone?: boolean;
}

/** The languages with captions so far, the default first among them. */
function useLangs(feed: CaptionFeed): string[] {
  return useMemo(() => {
    const seen = new Set([DEFAULT_CAPTION_LANG, ...Object.keys(feed.partials)]);
    for (const line of feed.lines) seen.add(line.lang);
    return [...seen].sort();
  }, [feed]);
}

/**
 * What a viewer can do with the captions: language, appearance, the transcript, a window of their
 * own. Below the log on the captions-only page and in the lobby; in the room's Settings panel.
 */
export function CaptionOptions(props: CaptionOptionsProps) {
  const { feed, settings, sessionId, token, standalone = false } = props;
  const langs = useLangs(feed);
  return (
    <>
      <CaptionSettingsForm
        settings={settings}
        onChange={props.onChange}
        langs={langs}
        showPosition={!standalone}
      />
      <TranscriptLinks sessionId={sessionId} token={token} lang={settings.lang} />
      {!standalone && (
        <p>
          <a href={`/captions/${token}`} target="_blank" rel="noopener">
            Open captions alone (new tab)
          </a>
        </p>
      )}
    </>
  );
}

interface CaptionPanelProps extends CaptionOptionsProps {
  /** In the room the options are in the Settings panel: here only the captions themselves. */
  withOptions?: boolean;
  /** Who writes each track and who is connected: the "paused" of the lag indicator needs them. */
  room?: CaptionRoom | null;
}

/**
 * The lag indicator: quiet text (never read out as it changes), and a status read once when the
 * captioner writing the track drops and the captions stop. Its own component: its clock ticks
 * every second, and the log of up to a thousand lines must not be rendered again with it.
 */
function CaptionStatusLine(props: { feed: CaptionFeed; lang: string; room: CaptionRoom | null }) {
  const status = useCaptionStatus(props.feed, props.lang, props.room);
  return (
    <>
      <p role="status" className="caption-paused">
        {status.paused ? 'Captions paused: the captioner is reconnecting.' : ''}
      </p>
      {!status.paused && status.lagMs !== null && <p className="caption-lag">{lagText(status.lagMs)}</p>}
    </>
  );
}

/** Captions, with their settings and transcript downloads unless those are elsewhere. */
export function CaptionPanel(props: CaptionPanelProps) {
  const { feed, settings, standalone = false, withOptions = true } = props;
  const lines = useMemo(
    () => feed.lines.filter((l) => l.lang === settings.lang),
    [feed.lines, settings.lang],
  );
  const announcements = useMemo(
    () => feed.announcements.filter((a) => a.line.lang === settings.lang),
    [feed.announcements, settings.lang],
  );

  return (
    <section className={`captions ${standalone ? 'standalone' : ''}`} aria-labelledby="captions-heading">
      <div className="captions-head">
        <h2 id="captions-heading" className={standalone ? 'visually-hidden' : ''}>
          Live captions
        </h2>
        <CaptionStatusLine feed={feed} lang={settings.lang} room={props.room ?? null} />
      </div>
      <CaptionLog
        lines={lines}
        partial={feed.partials[settings.lang]}
        announcements={announcements}
        settings={settings}
      />
      {withOptions && <CaptionOptions {...props} />}
    </section>
  );
}
