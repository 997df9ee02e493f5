import type { LocalTrack } from 'livekit-client';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useAttachedTrack } from '../lib/useAttachedTrack';
import type { HandKind } from '../../../shared/queue.js';
import { REMARK_MAX_CHARS, TOPIC_MAX_CHARS } from '../../../shared/queue.js';

interface HandArgs {
  /** Whether one may raise a hand now: the public, unless they hold the floor. */
  enabled: boolean;
  /** Where one stands in the queue ("2nd of 5"), or null when the hand is down. */
  place: string | null;
  onRaise: (hand: { kind: HandKind; topic: string; remark?: string }) => void;
  onLower: () => void;
  announce: (text: string) => void;
}

/** One's hand: what it asks for (speak or a written remark, a topic) and the act of raising it. */
export interface Hand {
  raised: boolean;
  place: string | null;
  kind: HandKind;
  setKind: (kind: HandKind) => void;
  topic: string;
  setTopic: (topic: string) => void;
  remark: string;
  setRemark: (remark: string) => void;
  /** Raises the hand as the form says, or lowers it. */
  toggle: () => void;
}

/**
 * The hand's state, shared by the form in the side panel and the button in the control bar, so
 * either raises the same hand. Alt+Y does the same, as in Zoom, but never lowers a hand that was
 * raised for the person (a registrant queued at go-live) before they have been told it is: the
 * first press then says where they stand, and only the next one lowers it.
 */
export function useHand({ enabled, place, onRaise, onLower, announce }: HandArgs): Hand {
  const raised = place !== null;
  const known = useRef(false);
  const [kind, setKind] = useState<HandKind>('speak');
  const [topic, setTopic] = useState('');
  const [remark, setRemark] = useState('');
  const toggle = useCallback(() => {
    if (raised) return onLower();
    known.current = true;
    onRaise(kind === 'remark' ? { kind, topic, remark } : { kind, topic });
  }, [raised, onLower, onRaise, kind, topic, remark]);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyY') {
        e.preventDefault();
        if (raised && !known.current) {
          known.current = true;
          announce(
            `Your hand is already raised: you are ${place} in the queue. Press Alt+Y again to lower it.`,
          );
        } else if (raised) {
          onLower();
          announce('Hand lowered: you left the queue.');
        } else {
          known.current = true;
          onRaise({ kind: 'speak', topic });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, raised, place, onLower, onRaise, topic, announce]);

  return { raised, place, kind, setKind, topic, setTopic, remark, setRemark, toggle };
}

/** The control bar's hand button: "Raise hand" or "Lower hand", named by what it will do. */
export function HandButton({ hand }: { hand: Hand }) {
  return (
    <button type="button" className="button primary" aria-keyshortcuts="Alt+Y" onClick={hand.toggle}>
      {hand.raised ? 'Lower hand' : 'Raise hand'}
    </button>
  );
}

/** What the raised hand asks for: to speak or a written remark, with an optional topic. */
export function HandControl({ hand, preview }: { hand: Hand; preview: LocalTrack | null }) {
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    hand.toggle();
  };

  if (hand.raised) {
    return (
      <div className="hand">
        <p>
          Your hand is raised: you are {hand.place} in the queue. <strong>Lower hand</strong> in the control
          bar (or Alt+Y) steps out of the queue.
        </p>
        {preview && <SelfPreview track={preview} />}
      </div>
    );
  }
  return (
    <form className="hand" onSubmit={submit} aria-label="Ask to speak">
      <fieldset className="inline">
        <legend>I would like to</legend>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={hand.kind === 'speak'}
            onChange={() => hand.setKind('speak')}
          />{' '}
          Speak
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-kind`}
            checked={hand.kind === 'remark'}
            onChange={() => hand.setKind('remark')}
          />{' '}
          Send a written remark
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-topic`}>Topic (optional)</label>
        <input
          id={`${id}-topic`}
          value={hand.topic}
          maxLength={TOPIC_MAX_CHARS}
          onChange={(e) => hand.setTopic(e.target.value)}
        />
      </div>
      {hand.kind === 'remark' && (
        <div className="field">
          <label htmlFor={`${id}-remark`}>Your remark</label>
          <textarea
            id={`${id}-remark`}
            rows={3}
            required
            maxLength={REMARK_MAX_CHARS}
            value={hand.remark}
            onChange={(e) => hand.setRemark(e.target.value)}
          />
        </div>
      )}
      {/* Named apart from the bar's "Raise hand", which raises the same hand. */}
      <button type="submit" className="button">
        {hand.kind === 'remark' ? 'Send the remark' : 'Ask to speak'}
      </button>
    </form>
  );
}

/**
 * The speaker's own camera while they are next: the camera is already on so that the floor, when
 * given, shows them at once; this says so, and lets them check how they look before they speak.
 */
function SelfPreview({ track }: { track: LocalTrack }) {
  const videoRef = useAttachedTrack(track);
  return (
    <figure className="self-preview" aria-label="Your camera preview">
      <video ref={videoRef} autoPlay muted playsInline aria-hidden="true" />
      <figcaption>You are next: your camera is ready. Only you see it until you take the floor.</figcaption>
    </figure>
  );
}
