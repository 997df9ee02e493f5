import type { ManagedRegistration, RegistrationChange } from '../../shared/sessions.js';
import { type Affiliation, type RequestedAccommodations } from '../../shared/sessions.js';
import { LinkError, type LinkSigner } from '../invites/tokens.js';
import type { RegistrationRepo, RegistrationRow } from '../store/registrationRepo.js';
import type { Repo, SessionRow } from '../store/repo.js';
import type { RegistrationLinks } from './links.js';
import { roleFor, type RegistrationService } from './registration.js';

export interface ManageDeps {
  repo: Repo;
  registrations: RegistrationRepo;
  registration: RegistrationService;
  links: RegistrationLinks;
  /** Checks MANAGE_AUDIENCE tokens. */
  signer: LinkSigner;
  now: () => Date;
}

export interface Managed {
  session: SessionRow;
  registration: RegistrationRow;
  token: string;
}

/**
 * What a registrant does through their private link (R9-R11): read, confirm, change, cancel. The
 * link is checked on every use, and a cancelled registration's link opens nothing.
 */
export function createManageService(deps: ManageDeps) {
  async function resolve(token: string): Promise<Managed> {
    const id = await deps.signer.verify(token, deps.now());
    const registration = await deps.registrations.get(id);
    const session = registration && (await deps.repo.getSession(registration.session_id));
    if (!registration || !session) throw new LinkError('unknown');
    if (registration.status === 'cancelled') throw new LinkError('revoked');
    if (session.status === 'cancelled') throw new LinkError('cancelled');
    return { session, registration, token };
  }

  async function view({ session, registration: r, token }: Managed): Promise<ManagedRegistration> {
    return {
      status: r.status,
      name: r.name,
      organization: r.organization,
      affiliation: r.affiliation as Affiliation,
      wishToSpeak: r.wish_to_speak === 1,
      topic: r.topic,
      signs: r.signs === 1,
      accommodations: JSON.parse(r.requested) as RequestedAccommodations,
      joinUrl: await deps.links.join(session, r),
      calendarUrl: deps.links.calendar(token),
      session: await deps.registration.publicSession(session),
    };
  }

  const reread = async (m: Managed): Promise<Managed> => ({
    ...m,
    registration: (await deps.registrations.get(m.registration.id))!,
  });

  return {
    resolve,
    view,
    async change(m: Managed, change: RegistrationChange): Promise<ManagedRegistration> {
      await deps.registrations.change(m.registration.id, change, deps.now());
      // R10: the invite the registrant already holds follows: the new name, the role for the wish.
      const inviteId = m.registration.invite_id;
      if (inviteId && change.name !== undefined) await deps.repo.renameInvite(inviteId, change.name);
      if (inviteId && change.wishToSpeak !== undefined) {
        await deps.repo.setInviteRole(
          inviteId,
          roleFor(m.session, { wish_to_speak: change.wishToSpeak ? 1 : 0 }),
        );
      }
      return view(await reread(m));
    },
    async confirm(m: Managed): Promise<ManagedRegistration> {
      await deps.registration.confirm(m.registration);
      return view(await reread(m));
    },
    cancel: (m: Managed) => deps.registration.cancel(m.registration),
  };
}

export type ManageService = ReturnType<typeof createManageService>;
