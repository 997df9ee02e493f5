import { useEffect, useState } from 'react';

/**
 * The value once it has held still for `delayMs`. Announcements read this, so a blip (a track
 * resubscribing, a socket bouncing) is not read out as a drop and a return. When `resetKey`
 * changes (another person in the slot), the value counts as settled at once: a state that held
 * only briefly before the change must not stand in for the new one.
 */
export function useSettled<T>(value: T, delayMs: number, resetKey: unknown = null): T {
  const [settled, setSettled] = useState({ value, key: resetKey });
  if (!Object.is(settled.key, resetKey)) setSettled({ value, key: resetKey });
  useEffect(() => {
    const timer = setTimeout(() => setSettled({ value, key: resetKey }), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs, resetKey]);
  return Object.is(settled.key, resetKey) ? settled.value : value;
}
