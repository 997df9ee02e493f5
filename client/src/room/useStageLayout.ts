import { useCallback } from 'react';
import { z } from 'zod';
import { usePersistentState } from '../lib/usePersistentState';

/**
 * How much of the stage's width the interpreter takes. A third is the least the interpreter ever
 * gets (docs/SIGN.md); full screen is a moment's choice of its own (the Fullscreen API), not a size.
 */
export const INTERPRETER_SIZES = ['third', 'half', 'two-thirds'] as const;
export type InterpreterSize = (typeof INTERPRETER_SIZES)[number];

/** Where the interpreter stands beside the floor on a wide screen; on a narrow one they come first. */
export const INTERPRETER_POSITIONS = ['left', 'right', 'above'] as const;
export type InterpreterPosition = (typeof INTERPRETER_POSITIONS)[number];

export const SIZE_LABEL: Record<InterpreterSize, string> = {
  third: 'A third',
  half: 'Half',
  'two-thirds': 'Two thirds',
};

export const POSITION_LABEL: Record<InterpreterPosition, string> = {
  left: 'Left',
  right: 'Right',
  above: 'Above',
};

const layoutSchema = z.object({
  size: z.enum(INTERPRETER_SIZES),
  position: z.enum(INTERPRETER_POSITIONS),
});
export type StageLayout = z.infer<typeof layoutSchema>;

// What earlier versions stored (two toggles), read as the arrangement it showed.
const legacySchema = z
  .object({ swapped: z.boolean(), enlarged: z.boolean() })
  .transform(({ swapped, enlarged }): StageLayout => ({
    size: enlarged ? 'two-thirds' : 'half',
    position: swapped ? 'left' : 'right',
  }));
const storedSchema = z.union([layoutSchema, legacySchema]);

export const DEFAULT_LAYOUT: StageLayout = { size: 'half', position: 'right' };

/** What the live region says when the viewer changes the arrangement. */
export function layoutAnnouncement(change: Partial<StageLayout>): string {
  if (change.size) {
    return change.size === 'half'
      ? 'The interpreter takes half the stage'
      : `The interpreter takes ${SIZE_LABEL[change.size].toLowerCase()} of the stage`;
  }
  if (change.position === 'above') return 'The interpreter is above the floor';
  return change.position ? `The interpreter is on the ${change.position}` : '';
}

/** The viewer's own stage arrangement, kept in the browser so it survives a reload or a rejoin. */
export function useStageLayout() {
  const [layout, setLayout] = usePersistentState('openfloor.stage-layout', storedSchema, DEFAULT_LAYOUT);
  const change = useCallback(
    (next: Partial<StageLayout>) => setLayout((current) => ({ ...current, ...next })),
    [setLayout],
  );
  return { layout, change };
}
