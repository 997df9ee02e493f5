import type { ReactNode } from 'react';

interface StageColumnProps {
  /**
   * A message at the top of the column, above the stage: the place for news the person on the
   * floor must not miss (for example "You have the floor" and the time left).
   */
  banner?: ReactNode;
  /** The stage, with the captions above or below it as the viewer chose. */
  children: ReactNode;
}

/**
 * The stage and the captions, in a column that keeps its place: the side panel and the control bar
 * beside and below it never push it away, whatever their contents.
 */
export function StageColumn({ banner, children }: StageColumnProps) {
  return (
    <div className="stage-column">
      {banner && <div className="stage-banner">{banner}</div>}
      {children}
    </div>
  );
}
