import escapeHtml from 'escape-html';
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closedLink } from './invites/closed.js';
import { LINK_MESSAGES, resolveInvite } from './invites/resolve.js';
import { LinkError, type LinkSigner } from './invites/tokens.js';
import { PROJECT_ROOT } from './paths.js';
import type { Repo } from './store/repo.js';

export const CLIENT_DIR = join(PROJECT_ROOT, 'dist/client');

/** The link error page's only style; the Content-Security-Policy allows it by its hash. */
export const LINK_ERROR_CSS = `body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
main{max-width:40rem;margin:3rem auto;padding:0 1rem}a{color:#0b57d0}a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}`;

/** A small self-contained page for a link that cannot be used: says why and what to do. */
export function linkErrorPage(title: string, detail: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – OpenFloor</title>
<style>${LINK_ERROR_CSS}</style>
</head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>
<p><a href="/">Go to the OpenFloor home page</a></p></main></body></html>`;
}

/**
 * Serves the built client, with a server-side check of join links (the room's and the captions-only
 * page's) so a bad one gets a 4xx page.
 */
export function createWebRouter(deps: { repo: Repo; signer: LinkSigner; now: () => Date }): Router {
  const router = Router();
  const indexHtml = join(CLIENT_DIR, 'index.html');
  // The captions-only page is an entry of its own, much lighter than the app (vite.config.ts).
  const captionsHtml = join(CLIENT_DIR, 'captions.html');
  const sendApp = (res: express.Response, page = indexHtml) => {
    if (existsSync(page)) return res.sendFile(page);
    res
      .status(503)
      .type('text/plain')
      .send('The client is not built yet: run `npm run build` (npm start does it).');
  };

  const checkLink =
    (page: string) => async (req: express.Request<{ token: string }>, res: express.Response) => {
      try {
        await resolveInvite(deps.signer, deps.repo, req.params.token, deps.now());
        res.set('Cache-Control', 'no-store');
        sendApp(res, page);
      } catch (err) {
        if (!(err instanceof LinkError)) throw err;
        const m = LINK_MESSAGES[err.problem];
        // A genuine link of a session that is over gets the app, which shows the end page (the
        // status still says the link is gone); anything else gets the error page.
        if (existsSync(page) && (await closedLink(deps, req.params.token, deps.now()))) {
          res.status(m.status).set('Cache-Control', 'no-store');
          return sendApp(res, page);
        }
        res.status(m.status).type('html').send(linkErrorPage(m.title, m.detail));
      }
    };
  router.get('/join/:token', checkLink(indexHtml));
  router.get('/captions/:token', checkLink(captionsHtml));
  // A registrant's private page: never kept in a cache, and its token never sent on as a Referer.
  router.get('/registrations/manage/:token', (_req, res) => {
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    sendApp(res);
  });
  router.use(express.static(CLIENT_DIR, { index: false }));
  // Client-side routes: any other GET that is not the API gets the app.
  router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => sendApp(res));
  return router;
}
