import { useCallback, useState } from 'react';

/** Messages this close together are read as one, so the second does not cut the first off. */
const TOGETHER_MS = 1000;

/**
 * A polite live region's text. Messages are set only when something changes, never on render,
 * so screen readers hear each change once. A counter makes a repeated message announce again;
 * messages that come together ("Skipped Rita", "Asking Sam") are joined rather than replaced.
 */
export function useAnnouncer() {
  const [message, setMessage] = useState({ text: '', n: 0, at: 0 });
  const announce = useCallback(
    (text: string) =>
      setMessage((m) => {
        const at = Date.now();
        const joined = at - m.at < TOGETHER_MS && m.text && !m.text.includes(text);
        return { text: joined ? `${m.text} ${text}` : text, n: m.n + 1, at };
      }),
    [],
  );
  return { message: message.text, key: message.n, announce };
}
