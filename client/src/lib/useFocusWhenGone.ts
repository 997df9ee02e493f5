import { useEffect, useRef } from 'react';

/**
 * For a button that goes away once its act has worked ("Take over"): when it was pressed and is
 * gone, focus moves to what took its place (`target`, focusable with tabIndex -1), so a keyboard or
 * screen-reader user is not dropped on the page's body. Focus the person already moved elsewhere
 * stays where it is.
 */
export function useFocusWhenGone<T extends HTMLElement>(shown: boolean) {
  const pressed = useRef(false);
  const target = useRef<T>(null);
  useEffect(() => {
    if (shown || !pressed.current) return;
    pressed.current = false;
    const focused = document.activeElement;
    if (!focused || focused === document.body) target.current?.focus();
  }, [shown]);
  const markPressed = () => {
    pressed.current = true;
  };
  // The element to focus, and what the button's press calls.
  return [target, markPressed] as const;
}
