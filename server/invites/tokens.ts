import { createSigner, createVerifier, TokenError } from 'fast-jwt';

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

/** Signs and checks pe/**
 * Signs and checks personal links (HS256 JWTs). The token carries only an id; the store says the
 * rest. fast-jwt computes the HMAC with node:crypto at once, where WebCrypto queued every check as
 * a job of its own: a fifth of a join's cost in a join storm.
 */
export function createLinkSigner(secret: string, audience: string = JOIN_AUDIENCE) {
  const signer = createSigner({ key: secret, algorithm: 'HS256', iss: ISSUER, aud: audience });
  // The expiry is checked below, against the `now` the caller gives (its clock, in tests a fake one).
  const verifier = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: ISSUER,
    allowedAud: audience,
    requiredClaims: ['jti', 'exp'],
    ignoreExpiration: true,
  });
  return {
    sign(inviteId: string, expiresAt: Date): Promise<string> {
      return Promise.resolve(signer({ jti: inviteId, exp: Math.floor(expiresAt.getTime() / 1000) }));
    },

    /** The invite id inside a valid, unexpired token; rejects with a LinkError otherwise. */
    verify(token: string, now: Date): Promise<string> {
      try {
        return Promise.resolve(inviteIdOf(verifier(token) as { jti?: unknown; exp?: unknown }, now));
      } catch (err) {
        return Promise.reject(asLinkError(err));
      }
    },
  };
}

function inviteIdOf(payload: { jti?: unknown; exp?: unknown }, now: Date): string {
  if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') throw new LinkError('malformed');
  if (payload.exp * 1000 <= now.getTime()) throw new LinkError('expired');
  return payload.jti;
}

function asLinkError(err: unknown): LinkError {
  if (err instanceof LinkError) return err;
  if (err instanceof TokenError && err.code === TokenError.codes.invalidSignature)
    return new LinkError('bad-signature');
  return new LinkError('malformed');
}

export type LinkSigner = ReturnType<typeof createLinkSigner>;
