import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/** The element the Fullscreen API enlarges: the interpreter's tile with its own way back. */
export const INTERPRETER_FRAME_ID = 'stage-interpreter';

/** Whether this browser can show an element full screen (iPhone Safari cannot). */
export const fullScreenSupported = () =>
  typeof document !== 'undefined' && document.fullscreenEnabled === true;

/**
 * Shows the interpreter full screen. Called from a click or a key press: browsers allow full screen
 * only in answer to one. Resolves false when the browser refused.
 */
export async function showInterpreterFullScreen(): Promise<boolean> {
  const frame = document.getElementById(INTERPRETER_FRAME_ID);
  if (!frame || !fullScreenSupported()) return false;
  try {
    await frame.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}

interface InterpreterFrameProps {
  children: ReactNode;
  announce: (text: string) => void;
}

/**
 * The interpreter's place on the stage. Full screen, it holds the tile and, below the picture
 * (never over the hands), a visible "Exit full screen"; Escape leaves too, as everywhere. Focus
 * goes to that button on the way in and back where it was on the way out, so a keyboard user is
 * never left on a control hidden behind the full-screen picture.
 */
export function InterpreterFrame({ children, announce }: InterpreterFrameProps) {
  const ref = useRef<HTMLDivElement>(null);
  const exitRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const shown = useRef(false);
  const [full, setFull] = useState(false);

  useEffect(() => {
    const onChange = () => {
      const now = ref.current !== null && document.fullscreenElement === ref.current;
      if (now === shown.current) return;
      shown.current = now;
      if (now) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      announce(
        now
          ? 'The interpreter fills the screen. Escape or "Exit full screen" brings the room back.'
          : 'The interpreter is back on the stage',
      );
      setFull(now);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [announce]);

  // Browsers leave full screen on Escape themselves; where one hands the key to the page instead
  // (a kiosk, a headless browser), the page does it. Listened for all along, not from when the
  // page has noticed full screen: an Escape pressed at once must not be lost.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.fullscreenElement !== ref.current) return;
      event.preventDefault();
      void document.exitFullscreen().catch(() => undefined);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // At the commit that shows or hides the bar, before the browser runs anything else: focus must
  // never sit, even for a moment, on a control the full-screen picture hides.
  useLayoutEffect(() => {
    if (full) {
      exitRef.current?.focus();
      return;
    }
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }, [full]);

  return (
    <div id={INTERPRETER_FRAME_ID} ref={ref} className="slot-interpreter interpreter-frame">
      {children}
      <div className="full-screen-bar" hidden={!full}>
        <button
          ref={exitRef}
          type="button"
          className="button"
          onClick={() => void document.exitFullscreen().catch(() => undefined)}
        >
          Exit full screen
        </button>
        <span aria-hidden="true">or press Escape</span>
      </div>
    </div>
  );
}
