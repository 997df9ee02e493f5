import { Link } from 'react-router';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from './PageLayout';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <PageLayout>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the OpenFloor home page</Link>.
      </p>
    </PageLayout>
  );
}
