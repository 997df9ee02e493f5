import type { LinkSigner } from '../invites/tokens.js';

/**
 * One captioner's ingest URL, as captioning software is given it: software adds `&seq=N&lang=xx`.
 * Signed with the caption audience, so it cannot be used as a join link, and expiring with the
 * session.
 */
export function createCaptionUrls(signer: LinkSigner, publicUrl: () => string) {
  return async (sessionId: string, inviteId: string, expires: Date): Promise<string> =>
    `${publicUrl()}/api/captions/${sessionId}?token=${await signer.sign(inviteId, expires)}`;
}

export type CaptionUrls = ReturnType<typeof createCaptionUrls>;
