import './floor.css';
import { formatClock } from './useQueue';

interface FloorBannerProps {
  name: string;
  remainingMs: number | null;
  paused: boolean;
  /** The interpreter who voices a signing speaker (queue rule Q18), if anyone. */
  voicedBy?: string | null;
}

/**
 * Shown to the person holding the floor, addressed to them: the status text is announced once when
 * it appears; the clock is a timer, which screen readers do not read out on every tick.
 */
export function FloorBanner({ name, remainingMs, paused, voicedBy }: FloorBannerProps) {
  return (
    <div className="floor-banner">
      <p role="status">
        <strong>You have the floor, {name}.</strong>{' '}
        {voicedBy
          ? `Everyone can see you; ${voicedBy} voices what you sign.`
          : 'Everyone can see and hear you.'}
      </p>
      <p>
        <span role="timer" aria-label="Your time left">
          {formatClock(remainingMs ?? 0)}
        </span>{' '}
        left{paused ? ' (the moderator paused your time)' : ''}.
      </p>
    </div>
  );
}
