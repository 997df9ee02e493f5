import { useId, useState, type FormEvent } from 'react';
import type { QueueSettings } from '../../../shared/queue.js';

interface Props {
  settings: QueueSettings;
  onSave: (settings: QueueSettings) => void;
}

/** The moderator's turn rules: speaking limit, warning time, and whether turns end by themselves. */
export function QueueSettingsForm({ settings, onSave }: Props) {
  const id = useId();
  const [minutes, setMinutes] = useState(String(settings.speakingLimitMs / 60_000));
  const [seconds, setSeconds] = useState(String(settings.warningMs / 1000));
  const [autoEnd, setAutoEnd] = useState(settings.autoEnd);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({
      speakingLimitMs: Math.round(Number(minutes) * 60_000),
      warningMs: Math.round(Number(seconds) * 1000),
      autoEnd,
    });
  };
  return (
    <details className="settings">
      <summary>Turn settings</summary>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-limit`}>Speaking limit (minutes)</label>
          <input
            id={`${id}-limit`}
            type="number"
            min={0.5}
            max={60}
            step={0.5}
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-warn`}>Warning before the end (seconds)</label>
          <input
            id={`${id}-warn`}
            type="number"
            min={0}
            max={600}
            step={5}
            value={seconds}
            onChange={(e) => setSeconds(e.target.value)}
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={autoEnd} onChange={(e) => setAutoEnd(e.target.checked)} /> End the
          turn automatically when time is up
        </label>
        <button type="submit" className="button">
          Save turn settings
        </button>
      </form>
    </details>
  );
}
