// What the captions-only page uses of react-router, for its own entry (vite.config.ts aliases
// react-router to this file there): the page has one address and no client-side navigation, so a
// link is a plain link, which loads the app for wherever it goes.
import type { AnchorHTMLAttributes } from 'react';

export function Link({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return <a href={to} {...rest} />;
}

/** The token of /captions/:token. */
export function useParams(): { token?: string } {
  const match = /^\/captions\/([^/]+)/.exec(window.location.pathname);
  return match ? { token: decodeURIComponent(match[1]!) } : {};
}
