import { useEffect, useState } from 'react';

/**
 * Milliseconds until `deadline` (server epoch ms), ticking every quarter second while it runs;
 * null without a deadline. `clockOffsetMs` is the server's clock minus this browser's.
 */
export function useCountdown(deadline: number | null, clockOffsetMs: number): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [deadline]);
  return deadline === null ? null : Math.max(0, deadline - (now + clockOffsetMs));
}
