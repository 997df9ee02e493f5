import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'openfloor';
/**
 * What a token is for: joining the room, posting captions from professional software, or a
 * registrant's private link to see, confirm, change or cancel their registration (sent only by email).
 */
export const JOIN_AUDIENCE = 'openfloor:join';
export const CAPTION_AUDIENCE = 'openfloor:captions';
export const MANAGE_AUDIENCE = 'openfloor:manage';

export type LinkProblem = 'malformed' | 'bad-signature' | 'expired' | 'revoked' | 'cancelled' | 'unknown';

export class LinkError extends Error {
  constructor(readonly problem: LinkProblem) {
    super(problem);
  }
}

/** Signs and checks personal links. The token carries only an id; the store says the rest. */
export function createLinkSigner(secret: string, audience: string = JOIN_AUDIENCE) {
  // Imported once: given the raw bytes, jose imports the key again for every token it checks,
  // which was a tenth of a join's cost in a join storm.
  let imported: Promise<webcrypto.CryptoKey> | undefined;
  const keyOf = () =>
    (imported ??= webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    ));
  return {
    async sign(inviteId: string, expiresAt: Date): Promise<string> {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(audience)
        .setJti(inviteId)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(await keyOf());
    },

    /** The invite id inside a valid, unexpired token; throws LinkError otherwise. */
    async verify(token: string, now: Date): Promise<string> {
      try {
        const { payload } = await jwtVerify(token, await keyOf(), {
          issuer: ISSUER,
          audience,
          algorithms: ['HS256'],
          currentDate: now,
        });
        if (typeof payload.jti !== 'string') throw new LinkError('malformed');
        return payload.jti;
      } catch (err) {
        if (err instanceof LinkError) throw err;
        if (err instanceof errors.JWTExpired) throw new LinkError('expired');
        if (err instanceof errors.JWSSignatureVerificationFailed) throw new LinkError('bad-signature');
        throw new LinkError('malformed');
      }
    },
  };
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
