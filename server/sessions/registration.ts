import type { InviteRole } from '../../shared/roles.js';
import type {
  OfferedAccommodations,
  PublicSession,
  RegistrationInput,
  RegistrationResult,
  SessionStatus,
} from '../../shared/sessions.js';
import type { LinkSigner } from '../invites/tokens.js';
import type { RegistrationRepo, RegistrationRow } from '../store/registrationRepo.js';
import type { Repo, SessionRow } from '../store/repo.js';
import { createKeyedSerial } from '../lib/keyedSerial.js';

export interface RegistrationDeps {
  repo: Repo;
  registrations: RegistrationRepo;
  signer: LinkSigner;
  publicUrl: () => string;
  now: () => Date;
}

export type RegisterOutcome =
  { ok: true; result: RegistrationResult } | { ok: false; status: 404 | 409; error: string; message: string };

const OPEN_FOR_REGISTRATION: readonly SessionStatus[] = ['scheduled', 'lobby', 'live'];

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
  };
}

/**
 * Registration: one per email per session (registering again updates it), a place while there is
 * capacity, the waitlist after; a registered person gets a personal join link, as a speaker when
 * they asked to speak (and the session takes comments), else as an attendee.
 */
export function createRegistrationService(deps: RegistrationDeps) {
  // One registration at a time per session, so two people cannot both take the last place.
  const serialized = createKeyedSerial();

  const roleFor = (session: SessionRow, r: { wish_to_speak: number }): InviteRole =>
    r.wish_to_speak && session.public_comments ? 'speaker' : 'attendee';

  async function joinUrlOf(session: SessionRow, r: RegistrationRow): Promise<string | null> {
    if (r.status !== 'registered' || !r.invite_id) return null;
    return `${deps.publicUrl()}/join/${await deps.signer.sign(r.invite_id, new Date(session.ends_at))}`;
  }

  async function resultOf(session: SessionRow, id: string, updated: boolean): Promise<RegistrationResult> {
    const r = (await deps.registrations.get(id))!;
    return {
      id: r.id,
      status: r.status,
      updated,
      joinUrl: await joinUrlOf(session, r),
      calendarUrl: `${deps.publicUrl()}/api/public/registrations/${r.id}/calendar.ics`,
    };
  }

  /** Gives a registration its place and link. */
  async function confirm(session: SessionRow, r: RegistrationRow) {
    const now = deps.now();
    const invite = await deps.repo.createInvite(
      session.id,
      roleFor(session, r),
      r.name,
      session.ends_at,
      now,
    );
    await deps.registrations.setStatus(r.id, 'registered', invite.id, now);
  }

  return {
    register(sessionId: string, input: RegistrationInput): Promise<RegisterOutcome> {
      return serialized(sessionId, async () => {
        const session = await deps.repo.getSession(sessionId);
        if (!session)
          return { ok: false, status: 404, error: 'not-found', message: 'No session with this id.' };
        if (!OPEN_FOR_REGISTRATION.includes(session.status)) {
          return {
            ok: false,
            status: 409,
            error: 'registration-closed',
            message: 'Registration for this session is closed.',
          };
        }
        const now = deps.now();
        const existing = await deps.registrations.findByEmail(sessionId, input.email);
        if (existing && existing.status !== 'cancelled') {
          await deps.registrations.update(existing.id, input, now);
          if (existing.invite_id) await deps.repo.renameInvite(existing.invite_id, input.name);
          return { ok: true, result: await resultOf(session, existing.id, true) };
        }
        const full =
          registrationState(session, await deps.registrations.countRegistered(sessionId)) === 'waitlist';
        const row = existing ?? (await deps.registrations.insert(sessionId, input, 'waitlisted', now));
        if (existing) await deps.registrations.update(existing.id, input, now);
        if (full) await deps.registrations.setStatus(row.id, 'waitlisted', null, now);
        else await confirm(session, { ...row, wish_to_speak: input.wishToSpeak ? 1 : 0, name: input.name });
        return { ok: true, result: await resultOf(session, row.id, existing !== undefined) };
      });
    },

    /** The organizer moves someone off the waitlist, even past capacity. */
    promote(sessionId: string, registrationId: string): Promise<boolean> {
      return serialized(sessionId, async () => {
        const session = await deps.repo.getSession(sessionId);
        const r = await deps.registrations.get(registrationId);
        if (!session || r?.session_id !== sessionId || r.status !== 'waitlisted') return false;
        await confirm(session, r);
        return true;
      });
    },

    async calendarOf(registrationId: string) {
      const r = await deps.registrations.get(registrationId);
      const session = r && (await deps.repo.getSession(r.session_id));
      if (!r || !session || r.status === 'cancelled') return null;
      return { session, joinUrl: await joinUrlOf(session, r) };
    },

    async publicSession(session: SessionRow): Promise<PublicSession> {
      return toPublicSession(session, await deps.registrations.countRegistered(session.id));
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
