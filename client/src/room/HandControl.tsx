import { useEffect, useId, useState, type FormEvent } from 'react';
import type { HandKind } from '../../../shared/queue.js';
import { REMARK_MAX_CHARS, TOPIC_MAX_CHARS } from '../../../shared/queue.js';

interface HandControlProps {
  raised: boolean;
  onRaise: (hand: { kind: HandKind; topic: string; remark?: string }) => void;
  onLower: () => void;
}

/** Raise or lower one's hand, to speak or with a written remark. Alt+Y does the same, as in Zoom. */
export function HandControl({ raised, onRaise, onLower }: HandControlProps) {
  const id = useId();
  const [kind, setKind] = useState<HandKind>('speak');
  const [topic, setTopic] = useState('');
  const [remark, setRemark] = useState('');
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (raised) return onLower();
    onRaise(kind === 'remark' ? { kind, topic, remark } : { kind, topic });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.code === 'KeyY') {
        e.preventDefault();
        if (raised) onLower();
        else onRaise({ kind: 'speak', topic });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [raised, onLower, onRaise, topic]);

  return (
    <form className="hand" onSubmit={submit} aria-label="Ask to speak">
      {!raised && (
        <>
          <fieldset className="inline">
            <legend>I would like to</legend>
            <label>
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === 'speak'}
                onChange={() => setKind('speak')}
              />{' '}
              Speak
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-kind`}
                checked={kind === 'remark'}
                onChange={() => setKind('remark')}
              />{' '}
              Send a written remark
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-topic`}>Topic (optional)</label>
            <input
              id={`${id}-topic`}
              value={topic}
              maxLength={TOPIC_MAX_CHARS}
              onChange={(e) => setTopic(e.target.value)}
            />
          </div>
          {kind === 'remark' && (
            <div className="field">
              <label htmlFor={`${id}-remark`}>Your remark</label>
              <textarea
                id={`${id}-remark`}
                rows={3}
                required
                maxLength={REMARK_MAX_CHARS}
                value={remark}
                onChange={(e) => setRemark(e.target.value)}
              />
            </div>
          )}
        </>
      )}
      <button type="submit" className="button primary" aria-keyshortcuts="Alt+Y">
        {raised ? 'Lower hand' : 'Raise hand'}
      </button>
    </form>
  );
}
