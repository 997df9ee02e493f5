import './lib/zodJitless';
import { lazy, StrictMode, Suspense, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RouteFocus } from './lib/RouteFocus';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles.css';

// Every page but the home page loads on demand, so each page carries only its own script: the
// room's LiveKit client, the organizer's luxon and the forms' Zod stay off the pages that do not
// use them (npm run bench:pages prints what each page loads). The declarative router is half the
// size of the data router, and its navigations are transitions: the page shown stays until the
// next one has loaded, then RouteFocus moves focus to its heading.
const page = <M,>(load: () => Promise<M>, pick: (module: M) => ComponentType) =>
  lazy(async () => ({ default: pick(await load()) }));

const AccessibilityPage = page(
  () => import('./pages/AccessibilityPage'),
  (m) => m.AccessibilityPage,
);
const RecordsPage = page(
  () => import('./records/RecordsPage'),
  (m) => m.RecordsPage,
);
const RecordPage = page(
  () => import('./records/RecordPage'),
  (m) => m.RecordPage,
);
const OrganizerPage = page(
  () => import('./admin/OrganizerPage'),
  (m) => m.OrganizerPage,
);
const SessionDetailPage = page(
  () => import('./admin/SessionDetail'),
  (m) => m.SessionDetailPage,
);
const SessionsPage = page(
  () => import('./public/SessionsPage'),
  (m) => m.SessionsPage,
);
const RegisterPage = page(
  () => import('./public/RegisterPage'),
  (m) => m.RegisterPage,
);
const ManagePage = page(
  () => import('./manage/ManagePage'),
  (m) => m.ManagePage,
);
const JoinRoute = page(
  () => import('./join/JoinFlow'),
  (m) => m.JoinRoute,
);
const CaptionsRoute = page(
  () => import('./captions/CaptionsPage'),
  (m) => m.CaptionsRoute,
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
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
            <Route path="/registrations/manage/:token" element={<ManagePage />} />
            <Route path="/join/:token" element={<JoinRoute />} />
            <Route path="/captions/:token" element={<CaptionsRoute />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
