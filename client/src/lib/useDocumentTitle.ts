import { useEffect } from 'react';

/** Each page names itself, so the browser tab and screen readers say where the person is. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – OpenFloor`;
  }, [title]);
}
