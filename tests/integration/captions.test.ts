import { describe, expect, it } from 'vitest';
import { ask, eventWhere, joinAs } from '../support/server.js';
import {
  captioner,
  captionUrl,
  post,
  restart,
  server,
  sessionId,
  useCaptionSession,
  viewer,
} from '../support/captionSession.js';

useCaptionSession();

describe('Zoom-compatible caption ingest', () => {
  it('C1 C2 streams words, commits at the break, names the floor holder, answers 200', async () => {
    await joinAs(server, sessionId, 'moderator', 'Morgan');
    const v = await viewer();
    const partial = eventWhere(v.socket, 'caption:partial', (p) => p.text === 'Hello');
    expect((await post(1, 'Hello')).status).toBe(200);
    await partial;
    const line = eventWhere(v.socket, 'caption:line', () => true);
    expect((await post(2, ' world\nNext')).status).toBe(200);
    expect(await line).toMatchObject({ seq: 1, lang: 'en-US', speaker: 'Morgan', text: 'Hello world' });
  });

  it('C9 a retried seq answers 200 and changes nothing; GET /seq gives the last accepted seq', async () => {
    const v = await viewer();
    expect((await post(1, 'one\n')).status).toBe(200);
    expect((await post(1, 'one\n')).status).toBe(200);
    expect((await post(2, 'two\n')).status).toBe(200);
    const seq = await fetch(captionUrl.replace('?', '/seq?'));
    expect(await seq.text()).toBe('2');
    await expect.poll(() => v.lines.map((l) => l.text)).toEqual(['one', 'two']);
  });

  it.each([
    ['a missing seq', () => post(null, 'x'), 403],
    ['a bad token', () => post(1, 'x', '', captionUrl.replace(/token=[^&]+/, 'token=forged')), 403],
    ['no token', () => post(1, 'x', '', captionUrl.replace(/\?token=[^&]+/, '?')), 403],
    ['another method', () => fetch(`${captionUrl}&seq=1`, { method: 'PUT', body: 'x' }), 405],
    ['a GET', () => fetch(`${captionUrl}&seq=1`), 405],
    ['a body over the limit', () => post(1, 'x'.repeat(9000)), 413],
  ])('answers %s as Zoom does', async (_label, send, status) => {
    expect((await send()).status).toBe(status);
  });

  it('answers 400 when the session is not live yet', async () => {
    const start = server.clock.now.getTime() + 5 * 3_600_000;
    const later = await server.createSession(
      { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() },
      'scheduled',
    );
    const res = await server.api('POST', `/api/sessions/${later.id}/invites`, {
      role: 'captioner',
      name: 'Cora',
    });
    const { captionUrl: url } = (await res.json()) as { captionUrl: string };
    expect(
      (await post(1, 'early\n', '', url.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:'))).status,
    ).toBe(400);
  });

  it('answers 429 to a flood and loses nothing it accepted', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(i + 1, `w${i} `)));
    const codes = answers.map((a) => a.status);
    expect(codes).toContain(429);
    expect(codes.filter((c) => c !== 200 && c !== 429)).toEqual([]);
  });

  it('lang selects a caption track', async () => {
    const v = await viewer();
    await post(1, 'hola\n', '&lang=es-ES');
    await expect.poll(() => v.lines).toMatchObject([{ lang: 'es-ES', text: 'hola' }]);
  });
});

describe('viewers and the captioner console', () => {
  it('C8 a viewer who reconnects gets exactly the lines it missed, in order', async () => {
    const v = await viewer();
    await post(1, 'a\nb\n');
    await expect.poll(() => v.lines.length).toBe(2);
    v.socket.disconnect();
    await post(2, 'c\nd\ne\n');
    const again = await joinAs(server, sessionId, 'attendee', 'Viewer', { id: v.id, token: v.token });
    const missed = await ask(again.socket, 'caption:sync', { afterSeq: v.lines.at(-1)!.seq });
    expect(missed.ok && missed.lines.map((l) => [l.seq, l.text])).toEqual([
      [3, 'c'],
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('C3 C4 the console streams a corrected line and commits it; others may not write', async () => {
    const v = await viewer();
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    const partial = eventWhere(v.socket, 'caption:partial', (p) => p.text === 'We need');
    await ask(cora.socket, 'caption:update', { text: 'We ned' });
    await ask(cora.socket, 'caption:update', { text: 'We need', speaker: 'Sam' });
    await partial;
    expect(await ask(cora.socket, 'caption:commit', {})).toEqual({ ok: true });
    await expect.poll(() => v.lines).toMatchObject([{ text: 'We need', speaker: 'Sam' }]);
    expect(await ask(v.socket, 'caption:update', { text: 'spoof' })).toMatchObject({ reason: 'forbidden' });
  });

  it('T2 T3 T4 refuses a speaker label with a line break, an escape or an override', async () => {
    const v = await viewer();
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    for (const speaker of ['Sam\n[00:00:09] Mallory', 'Sam\u001b[2J', 'Sam\u202e']) {
      const ack = await ask(cora.socket, 'caption:update', { text: 'Forged', speaker });
      expect(ack.ok).toBe(false);
      expect(ack.ok ? '' : ack.message).toMatch(/Speaker must (be a single line|not contain)/);
    }
    await ask(cora.socket, 'caption:update', { text: 'Real', speaker: 'Sam' });
    await ask(cora.socket, 'caption:commit', {});
    await expect.poll(() => v.lines).toMatchObject([{ text: 'Real', speaker: 'Sam' }]);
  });

  it('keeps the transcript across a restart', async () => {
    await post(1, 'kept\n');
    await restart();
    const v = await joinAs(server, sessionId, 'attendee', 'Late');
    const history = await ask(v.socket, 'caption:sync', { afterSeq: 0 });
    expect(history.ok && history.lines.map((l) => l.text)).toEqual(['kept']);
  });

  it('gives the captioner, and only the captioner, a working caption URL when they join', async () => {
    const cora = await joinAs(server, sessionId, 'captioner', 'Cora', captioner);
    const v = await viewer();
    expect(v.result.captionUrl).toBeNull();
    const url = cora.result.captionUrl!.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:');
    expect((await post(1, 'from the console URL\n', '', url)).status).toBe(200);
    await expect.poll(() => v.lines.map((l) => l.text)).toEqual(['from the console URL']);
  });

  it('C10 records a written remark given the floor, attributed to its author', async () => {
    const mod = await joinAs(server, sessionId, 'moderator', 'Morgan');
    const v = await viewer();
    const remark = 'Please publish\n\nthe slides.';
    expect(await ask(v.socket, 'queue:raise-hand', { kind: 'remark', remark })).toEqual({ ok: true });
    expect(await ask(mod.socket, 'floor:next', {})).toEqual({ ok: true });
    await expect
      .poll(() => v.lines)
      .toMatchObject([{ speaker: 'Viewer', text: '[Written remark] Please publish the slides.' }]);
  });
});
