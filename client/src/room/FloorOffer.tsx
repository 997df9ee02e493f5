import { useEffect, useId, useRef } from 'react';
import type { FloorOffer } from '../../../shared/queue.js';
import { useCountdown } from './useCountdown';
import './floor.css';

interface FloorOfferDialogProps {
  offer: FloorOffer;
  clockOffsetMs: number;
  /** The server's clock when it sent the queue. */
  serverNow: number;
  onAccept: () => void;
  onDecline: () => void;
}

/**
 * Q16: the person the moderator gives the floor to is asked before their camera and microphone go
 * on. A modal dialog: it takes focus (on "Start speaking"), is read out by its name and text, keeps
 * the keyboard inside, and Escape means "Not now". The server withdraws an unanswered question (Q17).
 */
export function FloorOfferDialog({
  offer,
  clockOffsetMs,
  serverNow,
  onAccept,
  onDecline,
}: FloorOfferDialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const left = useCountdown(offer.expiresAt, clockOffsetMs, serverNow) ?? 0;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="floor-offer"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(e) => {
        e.preventDefault();
        onDecline();
      }}
    >
      <h2 id={`${id}-title`}>The moderator is giving you the floor</h2>
      <p id={`${id}-text`}>
        When you start speaking, your camera and microphone go on and everyone sees and hears you.
      </p>
      <p className="hint">
        Answer within {Math.ceil(left / 1000)} s, or the moderator will decide again. Your hand stays raised.
      </p>
      <div className="control-group">
        <button type="button" className="button primary" autoFocus onClick={onAccept}>
          Start speaking
        </button>
        <button type="button" className="button" onClick={onDecline}>
          Not now
        </button>
      </div>
    </dialog>
  );
}

interface OfferStatusProps {
  offer: FloorOffer;
  clockOffsetMs: number;
  serverNow: number;
  /** Who "Next" passed over on the way (moderators). */
  skipped: string[];
  /** Moderators take the question back; null for everyone else. */
  onWithdraw: (() => void) | null;
}

/** A question put to a speaker, as the room sees it: who, the seconds left, and (moderators) a way back. */
export function OfferStatus({ offer, clockOffsetMs, serverNow, skipped, onWithdraw }: OfferStatusProps) {
  const left = useCountdown(offer.expiresAt, clockOffsetMs, serverNow) ?? 0;
  return (
    <div className="floor-bar offer">
      {skipped.length > 0 && <p>Skipped {skipped.join(', ')}: not in the room.</p>}
      <p>
        Asking <strong>{offer.name}</strong> to start speaking…{' '}
        <span role="timer" aria-label="Time left to answer">
          {Math.ceil(left / 1000)} s
        </span>
      </p>
      {onWithdraw && (
        <button type="button" className="button" onClick={onWithdraw}>
          Withdraw the question
        </button>
      )}
    </div>
  );
}
