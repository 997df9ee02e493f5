import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AckOf, JoinResult, PayloadOf, Reason } from '../../shared/protocol.js';
import { createInviteSchema, createSessionSchema, nameSchema } from '../../shared/schemas.js';
import type { TestClient } from '../support/server.js';

describe('the typed contract', () => {
  it('derives payload and acknowledgement types from the event maps', () => {
    expectTypeOf<PayloadOf<'interpreter:set-active'>>().toEqualTypeOf<{ participantId: string }>();
    expectTypeOf<AckOf<'room:join'>>().toEqualTypeOf<
      ({ ok: true } & JoinResult) | { ok: false; reason: Reason; message: string }
    >();
  });

  it('rejects unknown events and wrong payloads at compile time', () => {
    const check = (socket: TestClient) => {
      // @ts-expect-error an event that is not in the contract
      socket.emit('room:jion', {}, () => {});
      // @ts-expect-error set-active needs a participantId
      socket.emit('interpreter:set-active', {}, () => {});
      // @ts-expect-error servers do not send this event
      socket.on('room:everything', () => {});
    };
    expect(check).toBeTypeOf('function');
  });
});

describe('schemas', () => {
  it.each([
    ['Ana Ruiz', true],
    ['  Ana  ', true],
    ['', false],
    ['   ', false],
    ['a'.repeat(81), false],
    ['Ana\u0007', false],
  ])('name %j valid: %s', (name, valid) => {
    expect(nameSchema.safeParse(name).success).toBe(valid);
  });

  it('defaults the time zone to America/New_York and normalises nothing else', () => {
    const parsed = createSessionSchema.parse({
      title: ' Listening session ',
      startsAt: '2026-12-01T10:00:00-05:00',
      endsAt: '2026-12-01T12:00:00-05:00',
    });
    expect(parsed).toMatchObject({ title: 'Listening session', timeZone: 'America/New_York' });
  });

  it('refuses roles that links cannot carry', () => {
    expect(createInviteSchema.safeParse({ role: 'organizer', name: 'A' }).success).toBe(false);
    expect(createInviteSchema.safeParse({ role: 'captioner', name: 'A' }).success).toBe(true);
  });
});
