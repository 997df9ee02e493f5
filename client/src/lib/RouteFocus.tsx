import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';

/** How long a page may take to render its heading (it may wait for data) before we give up. */
const HEADING_WAIT_MS = 3000;

/**
 * After a client-side navigation, moves focus to the new page's main heading, as a full page load
 * would put a screen reader at the top: the heading is read, and Tab continues from there. Focus
 * that the page placed itself (an error summary, a form field) is left alone.
 */
export function RouteFocus() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return; // the first page: the browser's own load handles it
    shown.current = pathname;
    const focusHeading = () => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return true;
      const heading = document.querySelector<HTMLElement>('main h1, h1');
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
      return true;
    };
    if (focusHeading()) return;
    const observer = new MutationObserver(() => focusHeading() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
    const timer = setTimeout(() => observer.disconnect(), HEADING_WAIT_MS);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [pathname]);
  return <Outlet />;
}
