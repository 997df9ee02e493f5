import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The frame of every simple page: a banner with the site's name and one main landmark. */
export function PageLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="site-header">
        <Link to="/" className="brand">
          OpenFloor
        </Link>
      </header>
      <main className="page">{children}</main>
      <footer className="site-footer">
        <Link to="/accessibility">Accessibility</Link>
      </footer>
    </>
  );
}
