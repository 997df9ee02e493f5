import { useState } from 'react';
import { useFocusWhenGone } from '../lib/useFocusWhenGone';

export interface PenView {
  /** Who holds the pen of the console's caption track: a name, "you", or null while nobody does. */
  holder: { name: string; self: boolean } | null;
  lang: string;
}

function penText({ holder, lang }: PenView): string {
  if (!holder) return `Nobody holds the pen for ${lang} yet: the first captioner to write takes it.`;
  return holder.self ? `You hold the pen for ${lang}.` : `${holder.name} holds the pen for ${lang}.`;
}

/**
 * Who writes the console's caption track now (policy A26-A29), with "Take over" for the captioner
 * who does not. A change of holder is announced once, politely; typing a language tag is not.
 */
export function PenStatus({ pen, onTakeOver }: { pen: PenView; onTakeOver: () => void }) {
  const key = `${pen.lang} ${pen.holder?.name ?? ''} ${pen.holder?.self ?? ''}`;
  const [seen, setSeen] = useState({ key, lang: pen.lang, notice: '' });
  const canTakeOver = Boolean(pen.holder && !pen.holder.self);
  const [statusRef, markPressed] = useFocusWhenGone<HTMLParagraphElement>(canTakeOver);
  if (seen.key !== key) {
    // Announced when the holder of the same track changed, not when the captioner changed track.
    const notice = seen.lang === pen.lang ? penText(pen) : seen.notice;
    setSeen({ key, lang: pen.lang, notice });
  }
  return (
    <div className="pen-status">
      {/* Where focus goes once "Take over" has worked and the button is gone. */}
      <p ref={statusRef} tabIndex={-1}>
        {penText(pen)}
      </p>
      {canTakeOver && (
        <button
          type="button"
          className="button"
          onClick={() => {
            markPressed();
            onTakeOver();
          }}
        >
          Take over
        </button>
      )}
      <p role="status" className="visually-hidden">
        {seen.notice}
      </p>
    </div>
  );
}
