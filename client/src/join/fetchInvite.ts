import type { ApiError, InviteInfo } from '../../../shared/protocol.js';

/** Who a join link is for. Throws an Error whose message can be shown as is. */
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
  const message = body && 'message' in body ? body.message : undefined;
  throw new Error(message || `This link cannot be used (the server answered ${res.status}).`);
}
