import fc from 'fast-check';
import { ORGANIZER_TOKEN } from './server.js';

// What the fuzz suite sends: strings an attacker would try (control and invisible characters,
// formulas, markup, path tricks, huge ones), numbers at the edges, ids that exist and ids that do
// not, payloads shaped like the real ones with wrong values, and wrong shapes altogether.

const NASTY = [
  '',
  ' ',
  '\n',
  '\r\n',
  '\u202eevil',
  '\u2066isolate',
  '\u200b',
  '\ufeff',
  '\u0000',
  '\u0008',
  '\u001b[31m',
  '=HYPERLINK("http://x")',
  '+1',
  '-1',
  '@SUM(A1)',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  'en-US',
  'es',
  'x'.repeat(3000),
  'ü'.repeat(100),
];

const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...NASTY),
);

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1, 1000, 10_000, 60_000, 180_000, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
);

/** One of the ids that exist right now (read when the value is generated), or a made-up one. */
const anId = (known: () => string[]) =>
  fc.oneof(
    fc.nat().map((i) => {
      const ids = known();
      return ids.length ? ids[i % ids.length]! : 'none';
    }),
    fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  );

const WORDS = ['up', 'down', 'speak', 'remark', 'open-lobby', 'go-live', 'end', 'cancel', 'attendee'];
const leaf = (known: () => string[]) =>
  fc.oneof(nastyString, number, fc.boolean(), fc.constant(null), anId(known), fc.constantFrom(...WORDS));

const PAYLOAD_KEYS = [
  'name',
  'participantId',
  'direction',
  'kind',
  'topic',
  'remark',
  'speakingLimitMs',
  'warningMs',
  'autoEnd',
  'ms',
  'afterSeq',
  'text',
  'lang',
  'speaker',
  'action',
];

const payload = (known: () => string[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.dictionary(
        fc.oneof(fc.constantFrom(...PAYLOAD_KEYS), fc.string({ maxLength: 10 })),
        leaf(known),
        { maxKeys: 4 },
      ),
    },
    { weight: 1, arbitrary: leaf(known) },
    { weight: 1, arbitrary: fc.array(leaf(known), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );

/** Payloads shaped as each command expects, so that generated input reaches the handlers too. */
const wellFormed = (known: () => string[]): Record<string, fc.Arbitrary<Record<string, unknown>>> => {
  const id = anId(known);
  const text = fc.oneof(fc.string({ maxLength: 60 }), nastyString);
  return {
    'room:join': fc.record({ name: text }, { requiredKeys: [] }),
    'interpreter:set-active': fc.record({ participantId: id }),
    'queue:raise-hand': fc.record(
      { kind: fc.constantFrom('speak', 'remark'), topic: text, remark: text },
      { requiredKeys: [] },
    ),
    'queue:lower-hand': fc.record({ participantId: id }, { requiredKeys: [] }),
    'queue:move': fc.record({ participantId: id, direction: fc.constantFrom('up', 'down') }),
    'queue:configure': fc.record(
      {
        speakingLimitMs: fc.integer({ min: 0, max: 4_000_000 }),
        warningMs: fc.integer({ min: -1, max: 700_000 }),
        autoEnd: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    'floor:give': fc.record({ participantId: id }),
    'timer:extend': fc.record({ ms: fc.integer({ min: -1, max: 2_000_000 }) }),
    'caption:sync': fc.record({ afterSeq: fc.integer({ min: -1, max: 100 }) }),
    'caption:update': fc.record(
      { text, lang: fc.constantFrom('en-US', 'es', 'x'), speaker: text },
      { requiredKeys: ['text'] },
    ),
    'caption:commit': fc.record({ lang: fc.constantFrom('en-US', 'es') }, { requiredKeys: [] }),
    'session:advance': fc.record({ action: fc.constantFrom('open-lobby', 'go-live', 'end', 'cancel') }),
  };
};

/**
 * The arguments of one emit of `event` before its acknowledgement: often a payload shaped as the
 * command expects (with values at the edges), else anything at all, and sometimes none or more.
 */
export const anyPayloadArgs = (event: string, known: () => string[]) => {
  const table = wellFormed(known);
  const shaped = Object.hasOwn(table, event) ? table[event]! : fc.constant({});
  return fc.oneof(
    { weight: 5, arbitrary: shaped.map((p) => [p]) },
    { weight: 4, arbitrary: payload(known).map((p) => [p]) },
    { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
    { weight: 1, arbitrary: fc.tuple(payload(known), leaf(known)).map((a) => [...a]) },
  );
};

export interface HttpCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface KnownIds {
  sessionIds: string[];
  inviteIds: string[];
  tokens: string[];
}

// Routes that are not in the API document: pages, the caption ingest, LiveKit's webhook.
const EXTRA_ROUTES = [
  ['GET', '/join/{token}'],
  ['GET', '/captions/{token}'],
  ['GET', '/'],
  ['POST', '/api/captions/{sessionId}'],
  ['GET', '/api/captions/{sessionId}/seq'],
  ['POST', '/api/livekit/webhook'],
  ['GET', '/api/no-such-route'],
] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];
const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'multipart/form-data; boundary=x',
  'nonsense',
];

const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return 'x'; // a lone surrogate cannot be put in a URL at all
  }
};

/** A request to one of the API document's routes (or the few outside it), with fuzzed parts. */
export function anyHttpRequest(
  paths: Record<string, Record<string, unknown>>,
  known: () => KnownIds,
): fc.Arbitrary<HttpCase> {
  const routes: (readonly [string, string])[] = [
    ...Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => [m.toUpperCase(), `/api${path}`] as const),
    ),
    ...EXTRA_ROUTES,
  ];
  const all = () => {
    const k = known();
    return [...k.sessionIds, ...k.inviteIds, ...k.tokens];
  };
  const param = fc.oneof(anId(all), nastyString.map(encode));
  return fc
    .record({
      route: fc.constantFrom(...routes),
      otherMethod: fc.option(fc.constantFrom(...METHODS), { freq: 5 }),
      params: fc.array(param, { minLength: 4, maxLength: 4 }),
      query: fc.dictionary(
        fc.oneof(fc.constantFrom('token', 'seq', 'lang', 'format', 'afterSeq'), fc.string({ maxLength: 8 })),
        fc.oneof(nastyString, anId(all), number.map(String)),
        { maxKeys: 3 },
      ),
      body: fc.option(
        fc.oneof(
          payload(all).map((p) => JSON.stringify(p) ?? 'null'),
          nastyString,
        ),
      ),
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES)),
      auth: fc.constantFrom('organizer', 'none', 'garbage'),
    })
    .map(({ route, otherMethod, params, query, body, contentType, auth }) => {
      const method = otherMethod ?? route[0];
      let i = 0;
      const path = route[1].replace(/\{[^}]+\}/g, () => params[i++ % params.length]!);
      const search = new URLSearchParams(
        Object.entries(query).map(([k, v]) => [k, v.replace(/[\uD800-\uDFFF]/g, '')]),
      ).toString();
      const headers: Record<string, string> = {};
      if (contentType) headers['content-type'] = contentType;
      if (auth === 'organizer') headers.authorization = `Bearer ${ORGANIZER_TOKEN}`;
      if (auth === 'garbage') headers.authorization = 'Bearer not-the-token';
      const canHaveBody = method !== 'GET' && method !== 'HEAD';
      return {
        method,
        path: search ? `${path}?${search}` : path,
        headers,
        ...(canHaveBody && body !== null ? { body } : {}),
      };
    });
}
