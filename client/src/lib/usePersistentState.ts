import { useCallback, useEffect, useState } from 'react';

/** What checks a stored value: any Zod schema, full or mini (the captions-only page uses mini). */
interface Check<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

function load<T>(key: string, schema: Check<T>, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return fallback;
    // Stored by an older version, or edited by hand: whatever does not parse falls back.
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A viewer's choice kept in the browser: validated when read, saved when changed, and followed
 * across tabs, so the captions-only page on a second screen changes with the room's settings.
 */
export function usePersistentState<T>(key: string, schema: Check<T>, fallback: T) {
  const [value, setValue] = useState<T>(() => load(key, schema, fallback));

  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === key) setValue(load(key, schema, fallback));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [key, schema, fallback]);

  const update = useCallback(
    (next: T | ((current: T) => T)) =>
      setValue((current) => {
        const value = typeof next === 'function' ? (next as (current: T) => T)(current) : next;
        try {
          localStorage.setItem(key, JSON.stringify(value));
        } catch {
          // Storage may be full or disabled (private browsing): the choice still holds for this visit.
        }
        return value;
      }),
    [key],
  );
  return [value, update] as const;
}
