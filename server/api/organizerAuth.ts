import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import { createLinkSigner } from '../invites/tokens.js';
import { parseOr400, sendError } from './errors.js';

export const ORGANIZER_COOKIE = 'openfloor_organizer';
const ORGANIZER_AUDIENCE = 'openfloor:organizer';
const SIGNED_IN_MS = 12 * 3_600_000;

const digest = (s: string) => createHash('sha256').update(s).digest();
const signInSchema = z.object({ token: z.string().min(1, 'Enter the organizer token.').max(512) }).strict();

export interface OrganizerAuthOptions {
  token: string;
  /** Signs the sign-in cookie. */
  secret: string;
  /** Whether the cookie may only travel over HTTPS (PUBLIC_URL is https). */
  secure: boolean;
  now: () => Date;
}

/**
 * Who is the organizer: a Bearer token (the API) or a signed, HttpOnly, SameSite=Strict cookie set
 * by signing in with that token (the pages), so the token itself never sits in a page. The cookie
 * names a digest of the token: changing ORGANIZER_TOKEN signs everyone out.
 */
export function createOrganizerAuth(o: OrganizerAuthOptions) {
  const expected = digest(o.token);
  const tokenId = expected.toString('base64url').slice(0, 22);
  const signer = createLinkSigner(o.secret, ORGANIZER_AUDIENCE);
  const tokenMatches = (given: string) => timingSafeEqual(digest(given), expected);

  async function isOrganizer(req: Request): Promise<boolean> {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (bearer !== undefined) return tokenMatches(bearer);
    const cookie = parseCookies(req.get('cookie') ?? '')[ORGANIZER_COOKIE];
    if (!cookie) return false;
    return signer.verify(cookie, o.now()).then(
      (id) => id === tokenId,
      () => false,
    );
  }

  const requireOrganizer = (req: Request, res: Response, next: NextFunction) => {
    void isOrganizer(req).then((ok) => {
      if (ok) return next();
      res.set('WWW-Authenticate', 'Bearer realm="openfloor"');
      sendError(
        res,
        401,
        'unauthorized',
        'Sign in as the organizer, or send the organizer token as a Bearer token.',
      );
    });
  };

  const cookie = (value: string, maxAgeSeconds: number) =>
    serializeCookie(ORGANIZER_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: o.secure,
      path: '/',
      maxAge: maxAgeSeconds,
    });

  const router = Router();
  // Guessing the token is the attack: a handful of tries per quarter hour per address.
  const signInLimit = rateLimit({
    windowMs: 15 * 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  });
  router.post('/organizer/sign-in', signInLimit, async (req, res) => {
    const input = parseOr400(res, signInSchema, req.body);
    if (!input) return;
    if (!tokenMatches(input.token))
      return sendError(res, 401, 'unauthorized', 'That is not the organizer token.');
    const expires = new Date(o.now().getTime() + SIGNED_IN_MS);
    res.set('Set-Cookie', cookie(await signer.sign(tokenId, expires), SIGNED_IN_MS / 1000));
    res.status(204).end();
  });
  router.post('/organizer/sign-out', (_req, res) => {
    res.set('Set-Cookie', cookie('', 0)).status(204).end();
  });
  router.get('/organizer/me', async (req, res) => {
    if (await isOrganizer(req)) return res.json({ organizer: true });
    sendError(res, 401, 'unauthorized', 'Not signed in.');
  });

  return { isOrganizer, requireOrganizer, router };
}

export type OrganizerAuth = ReturnType<typeof createOrganizerAuth>;
