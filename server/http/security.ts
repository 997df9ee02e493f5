import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { RECORD_CSS } from '../sessions/record.js';
import { LINK_ERROR_CSS } from '../web.js';

export interface SecurityOptions {
  /** The LiveKit URL browsers connect to (ws: or wss:), or null without media. */
  mediaUrl: string | null;
  /** Whether the app is served over HTTPS (PUBLIC_URL is https): only then HSTS and upgrades. */
  https: boolean;
}

/** A CSP source for an inline <style> whose text is known: the page works without 'unsafe-inline'. */
const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;

/** The LiveKit server's origins: its WebSocket, and the same host over HTTP(S) for /rtc/validate. */
function mediaOrigins(url: string | null): string[] {
  if (!url) return [];
  const ws = new URL(url);
  const http = new URL(url);
  http.protocol = ws.protocol === 'wss:' ? 'https:' : 'http:';
  return [ws.origin.replace(/^http/, 'ws'), http.origin];
}

/**
 * Security headers for every answer, pages and API alike (helmet): a Content-Security-Policy the
 * client runs under (its own scripts and styles, its own Socket.IO, the LiveKit server, camera and
 * screen streams as blob:), no framing, no MIME sniffing, and no Referer, since join links carry
 * their token in the path. HSTS and upgrade-insecure-requests only over HTTPS: over plain http in
 * development they would send the browser to an https that is not there.
 */
export function createSecurityHeaders(o: SecurityOptions): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React sets style properties through the CSSOM, which CSP does not govern; the two server
        // pages with an inline <style> are allowed by its hash.
        styleSrc: ["'self'", styleHash(LINK_ERROR_CSS), styleHash(RECORD_CSS)],
        // 'self' covers ws: and wss: to this host (CSP Level 3), which Socket.IO uses.
        connectSrc: ["'self'", ...mediaOrigins(o.mediaUrl)],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(o.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: o.https ? { maxAge: 180 * 24 * 3600 } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}
