import type { InviteRole } from '../../shared/roles.js';
import type {
  OfferedAccommodations,
  PublicSession,
  RegistrationInput,
  RegistrationStatus,
  SessionStatus,
} from '../../shared/sessions.js';
import type { RegistrationRepo, RegistrationRow } from '../store/registrationRepo.js';
import type { Repo, SessionRow } from '../store/repo.js';
import { createKeyedSerial } from '../lib/keyedSerial.js';
import type { RegistrationMail } from './mail.js';

export interface RegistrationDeps {
  repo: Repo;
  registrations: RegistrationRepo;
  mail: RegistrationMail;
  /** Disconnects whoever uses a revoked invite (the room's sockets, the media server). */
  onInviteRevoked: (sessionId: string, inviteId: string) => Promise<void>;
  now: () => Date;
}

export type RegisterOutcome = { ok: true } | { ok: false; status: 404 | 409; error: string; message: string };

/** A registrant's invite: speaker when they asked to speak and the session takes comments. */
export const roleFor = (session: SessionRow, r: { wish_to_speak: number }): InviteRole =>
  r.wish_to_speak && session.public_comments ? 'speaker' : 'attendee';

/** How often a repeat of a known address mails its links again. */
export const LINK_AGAIN_INTERVAL_MS = 5 * 60_000;

export const OPEN_FOR_REGISTRATION: readonly SessionStatus[] = ['scheduled', 'lobby', 'live'];

function registrationState(session: SessionRow, registered: number): PublicSession['registration'] {
  if (!OPEN_FOR_REGISTRATION.includes(session.status)) return 'closed';
  return session.capacity !== null && registered >= session.capacity ? 'waitlist' : 'open';
}

export function toPublicSession(session: SessionRow, registered: number): PublicSession {
  return {
    id: session.id,
    title: session.title,
    description: session.description,
    focus: session.focus,
    startsAt: session.starts_at,
    endsAt: session.ends_at,
    timeZone: session.time_zone,
    status: session.status,
    offered: JSON.parse(session.offered) as OfferedAccommodations,
    publicComments: session.public_comments === 1,
    capacity: session.capacity,
    speakingLimitSeconds: Math.round(session.speaking_limit_ms / 1000),
    registration: registrationState(session, registered),
    requireEmailConfirmation: session.require_email_confirmation === 1,
  };
}

/**
 * Registration (server/sessions/SPEC.md): one per email per session; a place while there is
 * capacity, the waitlist after; links go only by email. Every change of place runs in the
 * session's serial, so two people cannot both take the last place.
 */
export function createRegistrationService(deps: RegistrationDeps) {
  const serialized = createKeyedSerial();
  const { repo, registrations, mail } = deps;

  /** R4, R6: a place and an invite while there is capacity, else the waitlist. */
  async function place(session: SessionRow, r: RegistrationRow): Promise<RegistrationRow> {
    const now = deps.now();
    const full = registrationState(session, await registrations.countRegistered(session.id)) === 'waitlist';
    if (full) {
      await registrations.setStatus(r.id, 'waitlisted', null, now);
      return { ...r, status: 'waitlisted', invite_id: null };
    }
    return giveInvite(session, r);
  }

  async function giveInvite(session: SessionRow, r: RegistrationRow): Promise<RegistrationRow> {
    const now = deps.now();
    const invite = await repo.createInvite(session.id, roleFor(session, r), r.name, session.ends_at, now);
    await registrations.setStatus(r.id, 'registered', invite.id, now);
    return { ...r, status: 'registered', invite_id: invite.id };
  }

  // R3: "your link again" at most once per interval per registration, so that repeating someone
  // else's address cannot flood their inbox. In memory: a restart only allows one more.
  const lastAgain = new Map<string, number>();
  function againDue(registrationId: string, now: Date): boolean {
    const at = now.getTime();
    if (at - (lastAgain.get(registrationId) ?? -Infinity) < LINK_AGAIN_INTERVAL_MS) return false;
    if (lastAgain.size > 10_000) {
      for (const [id, t] of lastAgain) if (at - t >= LINK_AGAIN_INTERVAL_MS) lastAgain.delete(id);
    }
    lastAgain.set(registrationId, at);
    return true;
  }

  const announce = (session: SessionRow, r: RegistrationRow) =>
    void mail.send(r.status === 'registered' ? 'confirmed' : 'waitlisted', session, r);

  async function openSession(sessionId: string) {
    const session = await repo.getSession(sessionId);
    if (!session)
      return { ok: false, status: 404, error: 'not-found', message: 'No session with this id.' } as const;
    if (!OPEN_FOR_REGISTRATION.includes(session.status)) {
      const message = 'Registration for this session is closed.';
      return { ok: false, status: 409, error: 'registration-closed', message } as const;
    }
    return { ok: true, session } as const;
  }

  /** R7: the first on the waitlist takes a freed place, if there is one. */
  async function fillFreedPlace(session: SessionRow) {
    if (!OPEN_FOR_REGISTRATION.includes(session.status)) return;
    const next = await registrations.firstWaitlisted(session.id);
    if (!next || registrationState(session, await registrations.countRegistered(session.id)) !== 'open')
      return;
    void mail.send('promoted', session, await giveInvite(session, next));
  }

  return {
    /** R1-R4: the answer is the same whoever registers; what differs is only what is mailed, and to whom. */
    register(sessionId: string, input: RegistrationInput): Promise<RegisterOutcome> {
      return serialized(sessionId, async () => {
        const open = await openSession(sessionId);
        if (!open.ok) return open;
        const { session } = open;
        const now = deps.now();
        const existing = await registrations.findByEmail(sessionId, input.email);
        if (existing && existing.status !== 'cancelled') {
          if (againDue(existing.id, now)) void mail.send('again', session, existing);
          return { ok: true };
        }
        // New, or back after cancelling (the details are the new ones): pending until placed.
        if (existing) {
          await registrations.update(existing.id, input, now);
          await registrations.setStatus(existing.id, 'pending', null, now);
        }
        const row = existing
          ? (await registrations.get(existing.id))!
          : await registrations.insert(sessionId, input, 'pending', now);
        if (session.require_email_confirmation) {
          void mail.send('confirmEmail', session, row);
        } else {
          announce(session, await place(session, row));
        }
        return { ok: true };
      });
    },

    /** R5: following the emailed link turns a pending registration into a place or the waitlist. */
    confirm(r: RegistrationRow): Promise<RegistrationStatus> {
      return serialized(r.session_id, async () => {
        const current = (await registrations.get(r.id))!;
        const session = (await repo.getSession(r.session_id))!;
        if (current.status !== 'pending') return current.status;
        if (!OPEN_FOR_REGISTRATION.includes(session.status)) return current.status;
        const placed = await place(session, current);
        announce(session, placed);
        return placed.status;
      });
    },

    /** R8: cancelling withdraws the invite at once and frees the place for the waitlist. */
    cancel(r: RegistrationRow): Promise<void> {
      return serialized(r.session_id, async () => {
        const current = (await registrations.get(r.id))!;
        const session = (await repo.getSession(r.session_id))!;
        if (current.status === 'cancelled') return;
        await registrations.setStatus(current.id, 'cancelled', null, deps.now());
        if (current.invite_id) {
          await repo.revokeInvite(session.id, current.invite_id, deps.now());
          await deps.onInviteRevoked(session.id, current.invite_id);
        }
        if (current.status === 'registered') await fillFreedPlace(session);
      });
    },

    /** The organizer moves someone off the waitlist, even past capacity. */
    promote(sessionId: string, registrationId: string): Promise<boolean> {
      return serialized(sessionId, async () => {
        const session = await repo.getSession(sessionId);
        const r = await registrations.get(registrationId);
        if (!session || r?.session_id !== sessionId || r.status !== 'waitlisted') return false;
        void mail.send('promoted', session, await giveInvite(session, r));
        return true;
      });
    },

    async publicSession(session: SessionRow): Promise<PublicSession> {
      return toPublicSession(session, await registrations.countRegistered(session.id));
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
