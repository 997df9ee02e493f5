import type { LinkSigner } from '../invites/tokens.js';
import type { RegistrationRow } from '../store/registrationRepo.js';
import type { SessionRow } from '../store/repo.js';

export interface LinkDeps {
  /** Join links (JOIN_AUDIENCE), keyed by the invite. */
  join: LinkSigner;
  /** Manage links (MANAGE_AUDIENCE), keyed by the registration; sent only by email. */
  manage: LinkSigner;
  publicUrl: () => string;
}

/** The links of one registration. All expire when the session ends; none carries a bare id. */
export function createRegistrationLinks(deps: LinkDeps) {
  const manageToken = (session: SessionRow, r: RegistrationRow) =>
    deps.manage.sign(r.id, new Date(session.ends_at));
  return {
    manageToken,
    async join(session: SessionRow, r: RegistrationRow): Promise<string | null> {
      if (r.status !== 'registered' || !r.invite_id) return null;
      return `${deps.publicUrl()}/join/${await deps.join.sign(r.invite_id, new Date(session.ends_at))}`;
    },
    async manage(session: SessionRow, r: RegistrationRow): Promise<string> {
      return `${deps.publicUrl()}/registrations/manage/${await manageToken(session, r)}`;
    },
    calendar: (manageToken: string) =>
      `${deps.publicUrl()}/api/public/registrations/manage/${manageToken}/calendar.ics`,
  };
}

export type RegistrationLinks = ReturnType<typeof createRegistrationLinks>;
