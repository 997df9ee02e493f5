import { useClock } from '../lib/useClock';

/**
 * Milliseconds until `deadline` (server epoch ms), ticking every quarter second while it runs;
 * null without a deadline. `clockOffsetMs` is the server's clock minus this browser's.
 */
export function useCountdown(deadline: number | null, clockOffsetMs: number): number | null {
  const now = useClock(deadline !== null);
  return deadline === null ? null : Math.max(0, deadline - (now + clockOffsetMs));
}
