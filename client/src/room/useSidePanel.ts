import { useCallback, useRef, useState } from 'react';
import { PANELS, type PanelId } from './panels';

export interface SidePanelState {
  open: PanelId | null;
  /** The switch's act: opens its panel, or closes it when it is the one open. Focus stays on it. */
  toggle: (id: PanelId) => void;
  /** The panel's own "Close panel": focus goes back to the switch that opened it. */
  close: () => void;
  /** Where each switch registers itself, so that closing can return focus to it. */
  switchRef: (id: PanelId) => (el: HTMLButtonElement | null) => void;
}

/** Which side panel is open, said aloud when it changes, with focus kept where people expect it. */
export function useSidePanel(initial: PanelId, announce: (text: string) => void): SidePanelState {
  const [open, setOpen] = useState<PanelId | null>(initial);
  const switches = useRef(new Map<PanelId, HTMLButtonElement>());

  const toggle = useCallback(
    (id: PanelId) => {
      const closing = open === id;
      setOpen(closing ? null : id);
      announce(closing ? `${PANELS[id].title} closed` : `${PANELS[id].title} open`);
    },
    [open, announce],
  );

  const close = useCallback(() => {
    if (!open) return;
    setOpen(null);
    announce(`${PANELS[open].title} closed`);
    // The close button goes away with the panel: focus its switch rather than losing it to the page.
    switches.current.get(open)?.focus();
  }, [open, announce]);

  const switchRef = useCallback(
    (id: PanelId) => (el: HTMLButtonElement | null) => {
      if (el) switches.current.set(id, el);
      else switches.current.delete(id);
    },
    [],
  );

  return { open, toggle, close, switchRef };
}
