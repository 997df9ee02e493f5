import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from './PageLayout';

export function HomePage() {
  useDocumentTitle('Welcome');
  return (
    <PageLayout>
      <h1>OpenFloor</h1>
      <p>
        An accessible room for public listening sessions, with ASL interpretation and live captions. To take
        part, register for an upcoming session, or open the personal link you received.
      </p>
      <p>
        <Link to="/sessions">See the upcoming sessions</Link>
      </p>
      <p>
        <Link to="/records">Read the records of past sessions</Link>
      </p>
      <p>
        <Link to="/organizer">For organizers: sign in to create and run sessions</Link>
      </p>
    </PageLayout>
  );
}
