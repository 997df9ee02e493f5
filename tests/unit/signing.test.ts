// Queue rules Q18-Q20 (server/queue/SPEC.md), policy A41 and A43: a speaker who signs is voiced by the
// active interpreter, whose voice is the floor's; the turn's grant is the camera only.
import { describe, expect, it } from 'vitest';
import { applyQueue, initialQueue, type Actor, type QueueCommand } from '../../server/queue/machine.js';
import { mediaGrant } from '../../server/policy/policy.js';
import { decidePin, type PinCommand } from '../../server/room/pin.js';
import { mintMediaToken } from '../../server/livekit/tokens.js';
import { voicedName, type QueueState, type Voice } from '../../shared/queue.js';
import { decodeJwt } from '../support/jwt.js';

const mod: Actor = { id: 'mod', role: 'moderator', name: 'Morgan' };
const dee: Actor = { id: 'dee', role: 'speaker', name: 'Dee Harris' };
const sam: Actor = { id: 'sam', role: 'speaker', name: 'Sam Patel' };
const ana: Voice = { participantId: 'ana', name: 'Ana Ruiz' };
const ben: Voice = { participantId: 'ben', name: 'Ben Okafor' };
const T0 = Date.parse('2026-11-23T10:00:00Z');
const here = new Set(['dee', 'sam']);

function run(commands: QueueCommand[], start: QueueState = initialQueue()) {
  let state = start;
  const effects = [];
  for (const c of commands) {
    const r = applyQueue(state, c, T0);
    if (!r.ok) throw new Error(`${c.type} refused: ${r.message}`);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
}
const raise = (by: Actor, signs?: boolean): QueueCommand => ({
  type: 'raise',
  by,
  kind: 'speak',
  topic: '',
  remark: null,
  ...(signs === undefined ? {} : { signs }),
});
const floorTo = (by: Actor, voice: Voice | null = ana): QueueCommand[] => [
  { type: 'give', by: mod, target: by.id, present: here },
  { type: 'accept', by, voice },
];
const mark = (target: Actor, signs: boolean, voice: Voice | null = ana): QueueCommand => ({
  type: 'mark-signing',
  by: mod,
  target: target.id,
  signs,
  voice,
});

describe('a signing speaker on the floor', () => {
  it('Q18 a signing speaker is voiced by the active interpreter, and granted the camera only', () => {
    const { state, effects } = run([raise(dee, true), ...floorTo(dee)]);
    expect(state.floor).toMatchObject({ participantId: 'dee', signs: true, voicedBy: ana });
    expect(effects).toEqual([{ type: 'grant-publish', participantId: 'dee', cameraOnly: true }]);
    expect(voicedName(state.floor!.name, state.floor!.voicedBy)).toBe('Dee Harris (voiced by Ana Ruiz)');
  });

  it('Q18 a speaker who does not sign keeps camera and microphone, and nobody voices them', () => {
    const { state, effects } = run([raise(sam, false), ...floorTo(sam)]);
    expect(state.floor?.voicedBy ?? null).toBeNull();
    expect(state.floor?.signs).toBeUndefined();
    expect(effects).toEqual([{ type: 'grant-publish', participantId: 'sam' }]);
    expect(voicedName(state.floor!.name, state.floor!.voicedBy)).toBe('Sam Patel');
  });

  it('Q18 with no interpreter pinned, a signing speaker is not voiced and keeps the microphone', () => {
    const { state, effects } = run([raise(dee, true), ...floorTo(dee, null)]);
    expect(state.floor).toMatchObject({ signs: true, voicedBy: null });
    expect(effects).toEqual([{ type: 'grant-publish', participantId: 'dee' }]);
  });

  it('Q18 the queue entry says who signs; raising again keeps it as the store says now', () => {
    const { state } = run([raise(dee, true), raise(sam)]);
    expect(state.entries.map((e) => e.signs ?? false)).toEqual([true, false]);
    expect(run([raise(dee, false)], state).state.entries[0]?.signs).toBeUndefined();
  });

  it('Q19 a moderator marks someone in the queue: their entry says so, nothing else moves', () => {
    const { state, effects } = run([raise(sam), raise(dee), mark(dee, true)]);
    expect(state.entries.map((e) => [e.participantId, e.signs ?? false])).toEqual([
      ['sam', false],
      ['dee', true],
    ]);
    expect(effects).toEqual([]);
    expect(run([mark(dee, false)], state).state.entries[1]?.signs).toBeUndefined();
  });

  it('Q19 marking the floor holder voices the turn at once, and the microphone goes; unmarking brings it back', () => {
    const started = run([raise(sam), ...floorTo(sam)]).state;
    const marked = run([mark(sam, true)], started);
    expect(marked.state.floor).toMatchObject({ participantId: 'sam', signs: true, voicedBy: ana });
    expect(marked.state.floor?.startedAt).toBe(started.floor?.startedAt);
    expect(marked.effects).toEqual([{ type: 'grant-publish', participantId: 'sam', cameraOnly: true }]);
    const unmarked = run([mark(sam, false)], marked.state);
    expect(unmarked.state.floor?.voicedBy ?? null).toBeNull();
    expect(unmarked.effects).toEqual([{ type: 'grant-publish', participantId: 'sam' }]);
  });

  it('Q19 marking someone neither queued nor on the floor, or marking again, changes nothing', () => {
    const start = run([raise(dee, true)]).state;
    expect(applyQueue(start, mark(sam, true), T0)).toEqual({ ok: true, state: start, effects: [] });
    expect(applyQueue(start, mark(dee, true), T0)).toEqual({ ok: true, state: start, effects: [] });
  });

  it('Q20 a hand-off between interpreters moves the voice, and the grant stays the camera only', () => {
    const voiced = run([raise(dee, true), ...floorTo(dee)]).state;
    const handed = run([{ type: 'voice', voice: ben }], voiced);
    expect(handed.state.floor?.voicedBy).toEqual(ben);
    expect(handed.effects).toEqual([]);
    // No interpreter left to voice: the microphone comes back.
    const none = run([{ type: 'voice', voice: null }], handed.state);
    expect(none.effects).toEqual([{ type: 'grant-publish', participantId: 'dee' }]);
  });

  it('Q20 a new interpreter changes nothing while the floor holder speaks for themselves', () => {
    const start = run([raise(sam), ...floorTo(sam)]).state;
    expect(applyQueue(start, { type: 'voice', voice: ben }, T0)).toEqual({
      ok: true,
      state: start,
      effects: [],
    });
  });

  it('Q8 ending a voiced turn revokes publishing and leaves no voice on the floor', () => {
    const { state, effects } = run([raise(dee, true), ...floorTo(dee), { type: 'end', by: mod }]);
    expect(state.floor).toBeNull();
    expect(effects.at(-1)).toEqual({ type: 'revoke-publish', participantId: 'dee' });
  });
});

describe('A41: the grant of a voiced floor', () => {
  const speaker = { role: 'speaker', status: 'live', publicComments: true } as const;

  it('is the camera only for the public holding a voiced floor, and their token says so', async () => {
    const sources = async (voiced: boolean) => {
      const grant = mediaGrant(speaker, true, voiced);
      const who = { identity: 'dee', name: 'Dee Harris', role: 'speaker', room: 'room1', grant } as const;
      const jwt = await mintMediaToken('key', 'secret-secret-secret-secret-secret', who);
      return (decodeJwt(jwt).video as { canPublishSources: string[] }).canPublishSources;
    };
    expect(mediaGrant(speaker, true, true)).toEqual({ subscribe: true, publish: true, cameraOnly: true });
    expect(await sources(true)).toEqual(['camera']);
    expect(await sources(false)).toEqual(['camera', 'microphone']);
  });

  it('gives nothing to someone not holding the floor, voiced or not, and never limits staff', () => {
    expect(mediaGrant(speaker, false, true)).toEqual({ subscribe: true, publish: false });
    const interpreter = { ...speaker, role: 'interpreter' } as const;
    expect(mediaGrant(interpreter, false, true)).toEqual({ subscribe: true, publish: true });
  });
});

describe('A43: a spoken-language interpreter never takes the stage', () => {
  const people = [
    { id: 'eva', role: 'interpreter', online: true, channel: 'es' },
    { id: 'ana', role: 'interpreter', online: true },
  ] as const;

  it.each<[string, PinCommand, ReturnType<typeof decidePin>]>([
    [
      'arriving first, is not pinned',
      { type: 'came-online', who: 'eva' },
      { ok: true, activeInterpreterId: null },
    ],
    [
      'an ASL interpreter arriving after is',
      { type: 'came-online', who: 'ana' },
      { ok: true, activeInterpreterId: 'ana' },
    ],
    ['taking over is refused', { type: 'take-over', by: 'eva' }, { ok: false, reason: 'forbidden' }],
    [
      'a moderator cannot pin them',
      { type: 'set-active', target: 'eva' },
      { ok: false, reason: 'not-found' },
    ],
  ])('%s', (_rule, command, expected) => {
    expect(decidePin(null, [...people], command)).toEqual(expected);
  });
});
