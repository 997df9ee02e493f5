// The organizer API as the process and cluster tests use it: sessions and their staff links, made
// over HTTP with the organizer token, against any address (one server, or a load balancer).
import type { InviteRole } from '../../shared/roles.js';

export interface OrganizerApi {
  /** POST to the organizer API (path after /api) with the organizer token. */
  post<T>(path: string, body: unknown): Promise<T>;
  /** A session, taken live unless `status` says how far; `fields` adds to or replaces the defaults. */
  createSession(
    title: string,
    status?: 'scheduled' | 'lobby' | 'live',
    fields?: Record<string, unknown>,
  ): Promise<{ id: string }>;
  /** A staff link; a captioner's also has the Zoom-compatible `captionUrl`, on 127.0.0.1. */
  invite(
    sessionId: string,
    role: InviteRole,
    name: string,
  ): Promise<{ id: string; url: string; captionUrl?: string }>;
}

/** The token in a join link (…/join/TOKEN), as the page hands it to the Socket.IO handshake. */
export const linkToken = (joinUrl: string): string => joinUrl.split('/join/')[1]!;

export function organizerApi(baseUrl: string, organizerToken: string): OrganizerApi {
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${organizerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    post,
    async createSession(title, status = 'live', fields = {}) {
      const session = await post<{ id: string }>('/sessions', {
        title,
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
        timeZone: 'America/New_York',
        ...fields,
      });
      const action = { scheduled: null, lobby: 'open-lobby', live: 'go-live' }[status];
      if (action) await post(`/sessions/${session.id}/lifecycle/${action}`, {});
      return session;
    },
    async invite(sessionId, role, name) {
      const link = await post<{ id: string; url: string; captionUrl?: string }>(
        `/sessions/${sessionId}/invites`,
        { role, name },
      );
      // Links are built on PUBLIC_URL, else http://localhost:PORT; tests talk to 127.0.0.1 only.
      const captionUrl = link.captionUrl?.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
      return { ...link, ...(captionUrl ? { captionUrl } : {}) };
    },
  };
}
