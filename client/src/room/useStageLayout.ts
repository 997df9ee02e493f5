import { useCallback, useEffect, useState } from 'react';

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

/** The viewer's own stage arrangement, kept in the browser so it survives a reload or a rejoin. */
export function useStageLayout() {
  const [layout, setLayout] = useState<StageLayout>(load);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(layout));
    } catch {
      // Storage may be full or disabled (private browsing): the choice still holds for this visit.
    }
  }, [layout]);
  const toggle = useCallback(
    (key: keyof StageLayout) => setLayout((current) => ({ ...current, [key]: !current[key] })),
    [],
  );
  return { layout, toggle };
}
