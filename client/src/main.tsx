import './lib/zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { AccessibilityPage } from './pages/AccessibilityPage';
import { HomePage } from './pages/HomePage';
import { ManagePage } from './manage/ManagePage';
import { RegisterPage } from './public/RegisterPage';
import { RecordPage } from './records/RecordPage';
import { RecordsPage } from './records/RecordsPage';
import { SessionsPage } from './public/SessionsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteFocus } from './lib/RouteFocus';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles.css';

const router = createBrowserRouter([
  {
    element: <RouteFocus />,
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/accessibility', element: <AccessibilityPage /> },
      { path: '/records', element: <RecordsPage /> },
      { path: '/records/:id', element: <RecordPage /> },
      // The organizer's pages load on demand, so the public ones do not carry luxon.
      {
        path: '/organizer',
        lazy: async () => ({ Component: (await import('./admin/OrganizerPage')).OrganizerPage }),
      },
      {
        path: '/organizer/sessions/:id',
        lazy: async () => ({ Component: (await import('./admin/SessionDetail')).SessionDetailPage }),
      },
      { path: '/sessions', element: <SessionsPage /> },
      { path: '/sessions/:id/register', element: <RegisterPage /> },
      { path: '/registrations/manage/:token', element: <ManagePage /> },
      // The room (and the LiveKit client in it) and the captions-only page load on demand, so
      // the public pages carry neither.
      {
        path: '/join/:token',
        lazy: async () => ({ Component: (await import('./join/JoinFlow')).JoinRoute }),
      },
      {
        path: '/captions/:token',
        lazy: async () => ({ Component: (await import('./captions/CaptionsPage')).CaptionsRoute }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <RouterProvider router={router} />
  </StrictMode>,
);
