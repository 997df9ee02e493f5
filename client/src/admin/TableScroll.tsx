import './admin.css';
import type { ReactNode } from 'react';

/**
 * A wide table scrolls sideways inside the page instead of widening it (WCAG 1.4.10 at 320 px);
 * focusable and named, so a keyboard can scroll it too.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
