import { useDocumentTitle } from '../lib/useDocumentTitle';

export function HomePage() {
  useDocumentTitle('Welcome');
  return (
    <main className="page">
      <h1>OpenFloor</h1>
      <p>
        An accessible room for public listening sessions, with ASL interpretation and live captions. To take
        part, open the personal link you received from the organizer.
      </p>
    </main>
  );
}
