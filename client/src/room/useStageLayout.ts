import { useCallback } from 'react';
import { z } from 'zod';
import { usePersistentState } from '../lib/usePersistentState';

const layoutSchema = z.object({ swapped: z.boolean(), enlarged: z.boolean() });
export type StageLayout = z.infer<typeof layoutSchema>;
const DEFAULT_LAYOUT: StageLayout = { swapped: false, enlarged: false };

/** The viewer's own stage arrangement, kept in the browser so it survives a reload or a rejoin. */
export function useStageLayout() {
  const [layout, setLayout] = usePersistentState('openfloor.stage-layout', layoutSchema, DEFAULT_LAYOUT);
  const toggle = useCallback(
    (key: keyof StageLayout) => setLayout((current) => ({ ...current, [key]: !current[key] })),
    [setLayout],
  );
  return { layout, toggle };
}
