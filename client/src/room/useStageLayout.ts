import { useCallback, useState } from 'react';

export interface StageLayout {
  swapped: boolean;
  enlarged: boolean;
}

const KEY = 'openfloor.stage-layout';

function load(): StageLayout {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<StageLayout>;
    return { swapped: saved.swapped === true, enlarged: saved.enlarged === true };
  } catch {
    return { swapped: false, enlarged: false };
  }
}

/** The viewer's own stage arrangement, kept in the browser. */
export function useStageLayout() {
  const [layout, setLayout] = useState<StageLayout>(load);
  const toggle = useCallback((key: keyof StageLayout) => {
    setLayout((current) => {
      const next = { ...current, [key]: !current[key] };
      localStorage.setItem(KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  return { layout, toggle };
}
