import type { ApiError, ClosedLink, InviteInfo } from '../../../shared/protocol.js';

/** A genuine link whose session is over (or that was withdrawn): the end page, not an error. */
export class ClosedLinkError extends Error {
  constructor(
    message: string,
    readonly link: ClosedLink,
  ) {
    super(message);
  }
}

/** Who a join link is for. Throws an Error whose message can be shown as is, or a ClosedLinkError. */
export async function fetchInvite(token: string): Promise<InviteInfo> {
  let res: Response;
  try {
    res = await fetch(`/api/join/${encodeURIComponent(token)}`, { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('The server could not be reached. Check your connection, then reload the page.');
  }
  // A proxy or an old server may answer with HTML: fall back to a message of our own.
  const body = (await res.json().catch(() => null)) as Partial<ApiError> | InviteInfo | null;
  if (res.ok && body && 'inviteId' in body) return body;
  const message = (body && 'message' in body ? body.message : undefined) ?? '';
  if (body && 'closed' in body && body.closed) throw new ClosedLinkError(message, body.closed);
  throw new Error(message || `This link cannot be used (the server answered ${res.status}).`);
}
