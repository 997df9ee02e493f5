import { describe, expect, it } from 'vitest';
import { LinkError, MANAGE_AUDIENCE, createLinkSigner } from '../../server/invites/tokens.js';
import { MEDIA_TOKEN_TTL_S, mintMediaToken } from '../../server/livekit/tokens.js';
import { mediaGrant } from '../../server/policy/policy.js';
import { INVITE_ROLES } from '../../shared/roles.js';
import { decodeJwt } from '../support/jwt.js';

describe('media tokens', () => {
  it.each(INVITE_ROLES)("a live session's token for %s carries A3-A4 and G3", async (role) => {
    const grant = mediaGrant({ role, status: 'live', publicComments: true }, false);
    const jwt = await mintMediaToken('key', 'secret-secret-secret-secret-secret', {
      identity: 'id1',
      name: 'Name',
      role,
      room: 'room1',
      grant,
    });
    const claims = decodeJwt(jwt);
    const video = claims.video as Record<string, unknown>;
    const publishes = role === 'moderator' || role === 'interpreter';
    expect(video).toMatchObject({ room: 'room1', roomJoin: true, canSubscribe: true, canPublish: publishes });
    expect(video.canPublishSources).toEqual(publishes ? ['camera', 'microphone'] : []);
    expect(video.roomAdmin).toBeFalsy();
    expect(video.roomCreate).toBeFalsy();
    expect(video.canUpdateOwnMetadata).toBeFalsy();
    expect(claims.sub).toBe('id1');
    expect(JSON.parse(claims.metadata as string)).toEqual({ role });
    expect(claims.exp! - claims.nbf!).toBeLessThanOrEqual(MEDIA_TOKEN_TTL_S);
  });

  it('K2: a media token lives a minute at most', () => {
    expect(MEDIA_TOKEN_TTL_S).toBeLessThanOrEqual(60);
  });
});

describe('join link signer', () => {
  const SECRET = 'link-secret-link-secret-link-secret';
  const signer = createLinkSigner(SECRET);
  // A token that says it needs no signature ("alg": "none"), which must never be taken.
  const unsigned = (claims: object) =>
    [
      { alg: 'none', typ: 'JWT' },
      { ...claims, exp: Math.floor(later.getTime() / 1000) },
    ]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.') + '.';
  const now = new Date('2026-05-01T12:00:00Z');
  const later = new Date('2026-05-01T13:00:00Z');

  it('round-trips the invite id until the expiry', async () => {
    const token = await signer.sign('invite123', later);
    expect(await signer.verify(token, now)).toBe('invite123');
  });

  it.each([
    ['expired', async () => signer.verify(await signer.sign('i', later), new Date('2026-05-01T14:00:00Z'))],
    [
      'bad-signature',
      async () =>
        createLinkSigner('another-secret-another-secret').verify(await signer.sign('i', later), now),
    ],
    ['expired', async () => signer.verify(await signer.sign('i', later), later)],
    [
      'malformed',
      async () => signer.verify(await createLinkSigner(SECRET, MANAGE_AUDIENCE).sign('i', later), now),
    ],
    ['malformed', () => signer.verify(unsigned({ iss: 'openfloor', aud: 'openfloor:join', jti: 'i' }), now)],
    ['malformed', () => signer.verify('abc.def.ghi', now)],
    ['malformed', () => signer.verify('', now)],
  ])('refuses a %s link', async (problem, attempt) => {
    const error = await attempt().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LinkError);
    expect((error as LinkError).problem).toBe(problem);
  });
});
