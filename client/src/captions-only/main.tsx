// The captions-only page (/captions/:token) as a page of its own, for a second screen on an old
// phone: the same components as in the app, rendered by Preact's React layer (vite.config.ts
// builds this entry with react aliased to preact/compat, and react-router to ./router.tsx), so the
// page loads a fifth of the app's script.
import '../lib/zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CaptionsRoute } from '../captions/CaptionsPage';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '../styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('captions.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <CaptionsRoute />
  </StrictMode>,
);
