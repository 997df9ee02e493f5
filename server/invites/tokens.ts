import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'openfloor';
const AUDIENCE = 'openfloor:join';

export type LinkProblem = 'malformed' | 'bad-signature' | 'expired' | 'revoked' | 'unknown';

export class LinkError extends Error {
  constructor(readonly problem: LinkProblem) {
    super(problem);
  }
}

/** Signs and checks personal join links. The token carries only the invite id; the store says the rest. */
export function createLinkSigner(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    async sign(inviteId: string, expiresAt: Date): Promise<string> {
      return new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setJti(inviteId)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
    },

    /** The invite id inside a valid, unexpired token; throws LinkError otherwise. */
    async verify(token: string, now: Date): Promise<string> {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
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
