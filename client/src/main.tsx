import './lib/zodJitless';
import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PageLoadError } from './pages/PageLoadError';
import { RouteFocus } from './lib/RouteFocus';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles.css';

// Every page but the home page loads on demand, so each page carries only its own script: the
// room's LiveKit client, the organizer's luxon and the forms' Zod stay off the pages that do not
// use them (npm run bench:pages prints what each page loads). The declarative router is half the
// size of the data router, and its navigations are transitions: the page shown stays until the
// next one has loaded, then RouteFocus moves focus to its heading.
const page = <M extends Record<K, ComponentType>, K extends keyof M>(load: () => Promise<M>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const AccessibilityPage = page(() => import('./pages/AccessibilityPage'), 'AccessibilityPage');
const RecordsPage = page(() => import('./records/RecordsPage'), 'RecordsPage');
const RecordPage = page(() => import('./records/RecordPage'), 'RecordPage');
const OrganizerPage = page(() => import('./admin/OrganizerPage'), 'OrganizerPage');
const SessionDetailPage = page(() => import('./admin/SessionDetail'), 'SessionDetailPage');
const SessionsPage = page(() => import('./public/SessionsPage'), 'SessionsPage');
const RegisterPage = page(() => import('./public/RegisterPage'), 'RegisterPage');
const CommentPage = page(() => import('./comments/CommentPage'), 'CommentPage');
const ModeratorCommentsRoute = page(
  () => import('./comments/ModeratorCommentsPage'),
  'ModeratorCommentsRoute',
);
const ManagePage = page(() => import('./manage/ManagePage'), 'ManagePage');
const JoinRoute = page(() => import('./join/JoinFlow'), 'JoinRoute');
const CaptionsRoute = page(() => import('./captions/CaptionsPage'), 'CaptionsRoute');

function Pages() {
  const { pathname } = useLocation();
  return (
    <PageLoadError pathname={pathname}>
      <Suspense>
        <Routes>
          <Route element={<RouteFocus />}>
            <Route path="/" element={<HomePage />} />
            <Route path="/accessibility" element={<AccessibilityPage />} />
            <Route path="/records" element={<RecordsPage />} />
            <Route path="/records/:id" element={<RecordPage />} />
            <Route path="/organizer" element={<OrganizerPage />} />
            <Route path="/organizer/sessions/:id" element={<SessionDetailPage />} />
            <Route path="/sessions" element={<SessionsPage />} />
            <Route path="/sessions/:id/register" element={<RegisterPage />} />
            <Route path="/sessions/:id/comment" element={<CommentPage />} />
            <Route path="/registrations/manage/:token" element={<ManagePage />} />
            <Route path="/join/:token" element={<JoinRoute />} />
            <Route path="/join/:token/comments" element={<ModeratorCommentsRoute />} />
            <Route path="/captions/:token" element={<CaptionsRoute />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </PageLoadError>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <Pages />
    </BrowserRouter>
  </StrictMode>,
);
