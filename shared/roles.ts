/** The six roles a person can hold in OpenFloor. */
export const ROLES = ['organizer', 'moderator', 'speaker', 'attendee', 'interpreter', 'captioner'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that a personal join link can carry (the organizer uses the organizer token instead). */
export const INVITE_ROLES = ['moderator', 'interpreter', 'captioner', 'speaker', 'attendee'] as const;
export type InviteRole = (typeof INVITE_ROLES)[number];

/**
 * Roles that publish camera and microphone from the moment they join. Speakers
 * are granted publishing only while they hold the floor.
 */
export const PUBLISHING_ROLES: readonly InviteRole[] = ['moderator', 'interpreter'];

export function canPublishOnJoin(role: InviteRole): boolean {
  return PUBLISHING_ROLES.includes(role);
}

/** Human labels, used in accessible names ("ASL interpreter: NAME"). */
export const ROLE_LABEL: Record<Role, string> = {
  organizer: 'Organizer',
  moderator: 'Moderator',
  speaker: 'Speaker',
  attendee: 'Attendee',
  interpreter: 'ASL interpreter',
  captioner: 'Captioner',
};

/** The public: counted in the room, listed only when they hold the floor. */
export const AUDIENCE_ROLES: readonly InviteRole[] = ['speaker', 'attendee'];

export function isAudience(role: InviteRole): boolean {
  return AUDIENCE_ROLES.includes(role);
}
