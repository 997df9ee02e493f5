import { useEffect, useState } from 'react';

/**
 * The value once it has held still for `delayMs`. Announcements read this, so a blip (a track
 * resubscribing, a socket bouncing) is not read out as a drop and a return.
 */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
