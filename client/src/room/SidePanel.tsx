import type { ReactNode } from 'react';
import { PANELS, panelElementId, type PanelId } from './panels';

interface SidePanelProps {
  /** The role's panels, each with its contents; all stay mounted so nothing typed is lost. */
  panels: [PanelId, ReactNode][];
  open: PanelId | null;
  onClose: () => void;
}

/**
 * The side panel: one labelled region per panel, only the open one shown. It scrolls inside
 * itself, so however long the queue grows, the stage and the control bar stay where they are.
 */
export function SidePanel({ panels, open, onClose }: SidePanelProps) {
  return (
    <div className="side-panel" hidden={open === null}>
      {panels.map(([id, content]) => (
        <section
          key={id}
          id={panelElementId(id)}
          className="panel"
          aria-labelledby={`${panelElementId(id)}-heading`}
          hidden={open !== id}
        >
          <div className="panel-head">
            <h2 id={`${panelElementId(id)}-heading`}>{PANELS[id].title}</h2>
            <button type="button" className="button" onClick={onClose}>
              Close panel
            </button>
          </div>
          {content}
        </section>
      ))}
    </div>
  );
}
