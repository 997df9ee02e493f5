import { useEffect, useRef } from 'react';
import type { Floor } from '../../../shared/queue.js';
import { SignsToggle } from '../sign/SignsToggle';
import { formatClock } from './useQueue';

interface FloorBarProps {
  floor: Floor | null;
  holderName: string;
  remainingMs: number | null;
  isModerator: boolean;
  announce: (text: string) => void;
  onEnd: () => void;
  onPause: () => void;
  onResume: () => void;
  onExtend: (ms: number) => void;
  onMarkSigning: (participantId: string, signs: boolean) => void;
}

/** Who has the floor and the time left; the warning and time-up are shown and announced once. */
export function FloorBar(props: FloorBarProps) {
  const { floor, holderName, remainingMs, announce } = props;
  const seen = useRef({ startedAt: '', warned: false, expired: false });
  useEffect(() => {
    if (!floor) return;
    const s = seen.current;
    if (s.startedAt !== floor.startedAt) {
      seen.current = { startedAt: floor.startedAt, warned: floor.warned, expired: floor.expired };
      announce(`${holderName} has the floor`);
      return;
    }
    if (floor.warned && !s.warned && !floor.expired)
      announce(`${formatClock(remainingMs ?? 0)} left for ${holderName}`);
    if (floor.expired && !s.expired) announce(`Time is up for ${holderName}`);
    seen.current = { ...s, warned: floor.warned, expired: floor.expired };
  }, [floor, holderName, remainingMs, announce]);

  if (!floor) return <p className="floor-bar">The moderator has the floor.</p>;
  const paused = floor.pausedRemainingMs !== null;
  const state = floor.expired ? 'expired' : floor.warned ? 'warning' : '';
  return (
    <div className={`floor-bar ${state}`}>
      <p>
        <strong>{holderName}</strong>
        {floor.voicedBy && `, voiced by ${floor.voicedBy.name},`} has the floor
        {floor.topic ? ` on ${floor.topic}` : ''}.{' '}
        <span role="timer" aria-label="Time left">
          {formatClock(remainingMs ?? 0)}
        </span>
        {paused && ' (paused)'}
        {floor.expired && <strong className="time-up"> Time is up.</strong>}
      </p>
      {props.isModerator && (
        <div className="control-group">
          <button type="button" className="button primary" onClick={props.onEnd}>
            End turn
          </button>
          <button type="button" className="button" onClick={paused ? props.onResume : props.onPause}>
            {paused ? 'Resume timer' : 'Pause timer'}
          </button>
          <button type="button" className="button" onClick={() => props.onExtend(60_000)}>
            Add 1 minute
          </button>
          {floor.kind === 'speak' && (
            <SignsToggle
              name={holderName}
              participantId={floor.participantId}
              signs={Boolean(floor.signs)}
              onMark={props.onMarkSigning}
            />
          )}
        </div>
      )}
    </div>
  );
}
