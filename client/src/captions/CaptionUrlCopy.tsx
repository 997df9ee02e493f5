import { useState } from 'react';

/** The captioner's own ingest URL, copied by a button: a key to write as them, so never shown. */
export function CaptionUrlCopy({ captionUrl }: { captionUrl: string }) {
  const [copied, setCopied] = useState('');
  const copy = async () => {
    const ok = await navigator.clipboard?.writeText(captionUrl).then(
      () => true,
      () => false,
    );
    setCopied(ok ? 'Caption URL copied.' : 'Copying failed: ask the organizer for your caption URL.');
  };
  return (
    <div className="caption-url">
      <p id="caption-url-hint" className="hint">
        Captioning software (Zoom-compatible) posts to your own caption URL: paste it there. It is a key to
        write as you; do not share it.
      </p>
      <button
        type="button"
        className="button"
        aria-describedby="caption-url-hint"
        onClick={() => void copy()}
      >
        Copy caption URL
      </button>
      <span role="status">{copied}</span>
    </div>
  );
}
