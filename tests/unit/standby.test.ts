import { describe, expect, it } from 'vitest';
import { audienceFor, shownParticipants } from '../../client/src/room/standby';
import type { Participant, RoomState } from '../../shared/protocol.js';
import type { InviteRole } from '../../shared/roles.js';

const person = (id: string, role: InviteRole): Participant => ({ id, name: id, role, online: true });
const people = [
  person('mod', 'moderator'),
  person('ana', 'interpreter'),
  person('ben', 'interpreter'),
  person('cam', 'captioner'),
  person('sam', 'speaker'),
];
const state = (activeInterpreterId: string | null): RoomState => ({
  revision: 1,
  session: {} as RoomState['session'],
  participants: people,
  audienceOnline: 3,
  activeInterpreterId,
  floorHolderId: 'sam',
});

describe('who is shown a standby interpreter', () => {
  it.each<[InviteRole, string[]]>([
    ['attendee', ['mod', 'ana', 'cam', 'sam']],
    ['speaker', ['mod', 'ana', 'cam', 'sam']],
    ['moderator', ['mod', 'ana', 'ben', 'cam', 'sam']],
    ['interpreter', ['mod', 'ana', 'ben', 'cam', 'sam']],
    ['captioner', ['mod', 'ana', 'ben', 'cam', 'sam']],
  ])('a %s sees %j', (viewer, ids) => {
    expect(shownParticipants(state('ana'), viewer).map((p) => p.id)).toEqual(ids);
  });

  it('the public sees no interpreter at all while none is pinned', () => {
    expect(shownParticipants(state(null), 'attendee').map((p) => p.id)).toEqual(['mod', 'cam', 'sam']);
  });
});

describe("who may receive an interpreter's camera and microphone", () => {
  it('the active interpreter: everyone', () => {
    expect(audienceFor(people[1]!, state('ana'))).toEqual({ everyone: true });
  });

  it('a standby interpreter: the team only, never the speaker on the floor', () => {
    expect(audienceFor(people[2]!, state('ana'))).toEqual({ everyone: false, team: ['ana', 'cam', 'mod'] });
  });

  it('everyone else publishes to everyone', () => {
    expect(audienceFor(people[0]!, state('ana'))).toEqual({ everyone: true });
    expect(audienceFor(people[4]!, state('ana'))).toEqual({ everyone: true });
  });

  it('without the room state (before the join answers, when nothing is published yet) there is no pin to go by', () => {
    expect(audienceFor(people[2]!, null)).toEqual({ everyone: true });
  });
});
