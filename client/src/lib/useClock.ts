import { useSyncExternalStore } from 'react';

const STEP_MS = 250;

// The clock read in quarter seconds, so that two reads in one render agree.
const read = () => Math.floor(Date.now() / STEP_MS) * STEP_MS;

function subscribe(onChange: () => void) {
  const id = setInterval(onChange, STEP_MS);
  return () => clearInterval(id);
}
const still = () => () => undefined;

/**
 * This browser's clock, to the quarter second, read at every render and re-rendering every quarter
 * second while `running`. Read at render, not kept in state since mounting: a countdown that starts
 * long after the page opened shows its true time on its first frame, and a throttled timer in a
 * background tab cannot leave it showing a stale one.
 */
export function useClock(running: boolean): number {
  return useSyncExternalStore(running ? subscribe : still, read);
}
