import { useCallback, useState } from 'react';

/**
 * A polite live region's text. Messages are set only when something changes, never on render,
 * so screen readers hear each change once. A counter makes a repeated message announce again.
 */
export function useAnnouncer() {
  const [message, setMessage] = useState({ text: '', n: 0 });
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), []);
  return { message: message.text, key: message.n, announce };
}
