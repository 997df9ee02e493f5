import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CAPTION_LINE_MAX_CHARS, type CaptionLine } from '../../../shared/captionBasics.js';
import type { Ack } from '../../../shared/protocol.js';

/** How many of the latest committed lines the console offers to correct. */
export const RECENT_LINES = 5;

interface LineCorrectionsProps {
  /** The latest committed lines of the console's track, oldest first. */
  lines: CaptionLine[];
  /** The seq of the line being corrected, or null. */
  editing: number | null;
  onEdit: (seq: number | null) => void;
  onSave: (seq: number, text: string) => Promise<Ack>;
  /** Back to the caption input, once a correction is saved or given up. */
  onDone: () => void;
}

/**
 * C18: the console's recent lines, each with "Correct": the line opens for editing in place, Enter
 * saves it (viewers see it corrected where it was), Escape gives up. All by keyboard.
 */
export function LineCorrections({ lines, editing, onEdit, onSave, onDone }: LineCorrectionsProps) {
  const [notice, setNotice] = useState('');
  const close = (message: string) => {
    setNotice(message);
    onEdit(null);
    onDone();
  };
  return (
    <div className="recent-lines">
      <h3 id="recent-lines-heading">Recent lines</h3>
      {lines.length === 0 ? (
        <p className="hint">Committed lines appear here, to be corrected.</p>
      ) : (
        <ol aria-labelledby="recent-lines-heading">
          {lines.map((line) => (
            <li key={line.seq}>
              {editing === line.seq ? (
                <CorrectionForm
                  line={line}
                  onSave={onSave}
                  onSaved={() => close('Line corrected.')}
                  onCancel={() => close('Correction cancelled.')}
                />
              ) : (
                <>
                  <span className="recent-text">{line.text}</span>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Correct: ${line.text}`}
                    onClick={() => onEdit(line.seq)}
                  >
                    Correct
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <p role="status" className="visually-hidden">
        {notice}
      </p>
    </div>
  );
}

interface CorrectionFormProps {
  line: CaptionLine;
  onSave: (seq: number, text: string) => Promise<Ack>;
  onSaved: () => void;
  onCancel: () => void;
}

function CorrectionForm({ line, onSave, onSaved, onCancel }: CorrectionFormProps) {
  const [text, setText] = useState(line.text);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const result = await onSave(line.seq, text);
    setSaving(false);
    if (result.ok) onSaved();
    else setError(result.message);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    onCancel();
  };
  const id = `correction-${line.seq}`;
  return (
    <form className="correction" onSubmit={(e) => void submit(e)}>
      <label htmlFor={id}>Corrected text</label>
      <input
        id={id}
        ref={input}
        value={text}
        maxLength={CAPTION_LINE_MAX_CHARS}
        aria-describedby={`${id}-hint`}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="hint">
        Was: “{line.text}”. Enter saves; Escape cancels.
      </span>
      <div className="correction-actions">
        <button type="submit" className="button" disabled={saving}>
          Save correction
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p role="alert" className="alert">
        {error}
      </p>
    </form>
  );
}
