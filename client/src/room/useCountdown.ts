import { useClock } from '../lib/useClock';

/**
 * Milliseconds until `deadline` (server epoch ms), ticking every quarter second while it runs;
 * null without a deadline. `clockOffsetMs` is the server's clock minus this browser's, estimated
 * from messages' arrival (so a little low by their delay); never more than was left at `serverNow`,
 * the server's clock when it last spoke, since time only runs down (a 3:00 turn never shows 3:01).
 */
export function useCountdown(
  deadline: number | null,
  clockOffsetMs: number,
  serverNow: number,
): number | null {
  const now = useClock(deadline !== null);
  if (deadline === null) return null;
  return Math.max(0, Math.min(deadline - serverNow, deadline - (now + clockOffsetMs)));
}
