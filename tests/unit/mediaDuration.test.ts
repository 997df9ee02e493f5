import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mediaDuration, UnreadableMedia } from '../../server/comments/mediaDuration.js';
import { ELEMENTS_MAX } from '../../server/comments/mediaReader.js';
import {
  box,
  ebml,
  mp4File,
  webmFile,
  webmHeader,
  type Mp4Shape,
  type WebmShape,
} from '../support/videoFiles.js';

// W15: the reader of a video's length, on real recordings of Chromium's MediaRecorder (recorded for
// 1 s at 160x120; tests/e2e/commentsVideoLength.e2e.test.ts records 3 s of each anew), on files made
// to measure, and on whatever bytes anyone might send.

const WEBM = 'video/webm';
const MP4 = 'video/mp4';
const chromiumWebm = readFileSync('tests/fixtures/chromium-1s.webm');
const chromiumMp4 = readFileSync('tests/fixtures/chromium-1s.mp4');

/** What the reader says of these bytes: a length, or the name of what it threw. */
async function outcome(bytes: Uint8Array | Uint8Array[], type: string): Promise<number | string> {
  try {
    return await mediaDuration(Array.isArray(bytes) ? bytes : [bytes], type);
  } catch (err) {
    return err instanceof UnreadableMedia
      ? 'unreadable'
      : `${(err as Error).name}: ${(err as Error).message}`;
  }
}

/** The bytes cut into chunks at these places, as a stream hands them over. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((from, i) => bytes.subarray(from, at[i] ?? bytes.length));
}

describe('W15 the length of what browsers record', () => {
  it('reads Chromium MediaRecorder WebM (VP8, Opus; unknown-size Segment and Clusters) and fragmented MP4', async () => {
    expect(chromiumWebm.subarray(0x28, 0x30).toString('hex')).toBe('01ffffffffffffff'); // unknown size
    expect(await outcome(chromiumWebm, WEBM)).toBeCloseTo(1, 0);
    expect(chromiumMp4.includes(Buffer.from('moof'))).toBe(true);
    expect(await outcome(chromiumMp4, MP4)).toBeCloseTo(1, 0);
  });

  it.each<[string, WebmShape, number]>([
    ['unknown sizes, no Duration (MediaRecorder)', { seconds: 12 }, 12],
    ['known sizes', { seconds: 12, unknownSizes: false }, 12],
    ['BlockGroups with BlockDuration', { seconds: 3.5, blockGroups: true }, 3.5],
    ['a Duration that agrees with the frames', { seconds: 4, infoSeconds: 4 }, 4],
    ['a Duration longer than the frames: the longer counts', { seconds: 4, infoSeconds: 90 }, 90],
    ['a Duration shorter than the frames: the frames count', { seconds: 60, infoSeconds: 2 }, 60],
    ['a Duration and no frame', { seconds: 0, infoSeconds: 7 }, 7],
  ])('WebM: %s', async (_name, shape, seconds) => {
    expect(await outcome(webmFile(shape), WEBM)).toBeCloseTo(seconds, 6);
  });

  it.each<[string, Mp4Shape, number]>([
    ['a whole file: mvhd and stts agree', { seconds: 7 }, 7],
    ['fragmented, mvhd 0: the samples of trun', { seconds: 20, fragmented: true, mvhdSeconds: 0 }, 20],
    [
      'fragmented, samples of tfhd’s default duration',
      { seconds: 9, fragmented: true, mvhdSeconds: 0, defaultDuration: true },
      9,
    ],
    ['an mvhd shorter than the samples: the samples count', { seconds: 50, mvhdSeconds: 2 }, 50],
    ['an mvhd longer than the samples: the longer counts', { seconds: 3, mvhdSeconds: 600 }, 600],
  ])('MP4: %s', async (_name, shape, seconds) => {
    expect(await outcome(mp4File(shape), MP4)).toBeCloseTo(seconds, 6);
  });

  it('takes the longest track of a fragmented MP4, each over its own timescale', async () => {
    const trak = (id: number, timescale: number) =>
      box('trak', [
        box('tkhd', [u32(0), u32(0), u32(id), Buffer.alloc(68)], {}),
        box('mdia', box('mdhd', [u32(0), u32(0), u32(timescale), u32(0), Buffer.alloc(4)], {})),
      ]);
    const traf = (id: number, durations: number[]) =>
      box('traf', [
        box('tfhd', u32(id), {}),
        box('trun', [u32(durations.length), ...durations.map(u32)], { flags: 0x100 }),
      ]);
    const file = Buffer.concat([
      box('ftyp', [Buffer.from('isom'), u32(0)]),
      box('moov', [
        box('mvhd', [u32(0), u32(0), u32(1000), u32(0), Buffer.alloc(80)], {}),
        trak(1, 48_000),
        trak(2, 90_000),
      ]),
      box('moof', [traf(1, [48_000, 48_000]), traf(2, [90_000])]), // 2 s of audio, 1 s of video
      box('moof', [traf(2, [90_000, 45_000])]), // then 1.5 s more of video, after the first
    ]);
    expect(await outcome(file, MP4)).toBeCloseTo(2.5, 6);
  });

  it('reads the same length however the stream cuts the bytes into chunks', async () => {
    const files: [Uint8Array, string][] = [
      [chromiumWebm, WEBM],
      [chromiumMp4, MP4],
      [webmFile({ seconds: 3, blockGroups: true }), WEBM],
    ];
    const whole = await Promise.all(files.map(([b, t]) => outcome(b, t)));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: files.length - 1 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (i, cuts) => {
          const [bytes, type] = files[i]!;
          expect(await outcome(chunked(bytes, cuts), type)).toBe(whole[i]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

// Elements and boxes the readers know, in any order and nesting, of any size and body: the shapes
// a hostile file would take to reach every branch of the readers.
const WEBM_IDS = [
  0x18538067, 0x1549a966, 0x2ad7b1, 0x4489, 0x1654ae6b, 0xae, 0xd7, 0x23e383, 0x1f43b675, 0xe7, 0xa3, 0xa0,
  0xa1, 0x9b, 0xec,
];
const MASTERS = new Set([0x18538067, 0x1549a966, 0x1654ae6b, 0xae, 0x1f43b675, 0xa0]);
const ebmlSoup = fc
  .array(
    fc.record({
      id: fc.constantFrom(...WEBM_IDS),
      unknownSize: fc.boolean(),
      body: fc.uint8Array({ maxLength: 12 }),
    }),
    { maxLength: 30 },
  )
  .map((elements) =>
    Buffer.concat([
      webmHeader(),
      ...elements.map((e) =>
        MASTERS.has(e.id)
          ? ebml(e.id, Buffer.alloc(0), e.unknownSize) // a master: its children follow
          : ebml(e.id, Buffer.from(e.body)),
      ),
    ]),
  );
const BOX_TYPES = [
  'moov',
  'trak',
  'mdia',
  'minf',
  'stbl',
  'mvex',
  'moof',
  'traf',
  'mvhd',
  'mehd',
  'tkhd',
  'mdhd',
  'stts',
  'trex',
  'tfhd',
  'tfdt',
  'trun',
  'mdat',
];
const boxSoup = fc
  .letrec<{ tree: Buffer }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc
        .record({
          type: fc.constantFrom(...BOX_TYPES),
          version: fc.constantFrom(0, 1),
          flags: fc.constantFrom(0, 0x1, 0x8, 0x100, 0x301, 0xf05, 0xffffff),
          body: fc.uint8Array({ maxLength: 40 }),
        })
        .map((b) => box(b.type, Buffer.from(b.body), { version: b.version, flags: b.flags })),
      fc
        .tuple(fc.constantFrom(...BOX_TYPES.slice(0, 8)), fc.array(tie('tree'), { maxLength: 4 }))
        .map(([type, children]) => box(type, children)),
    ),
  }))
  .tree.map((tree) => Buffer.concat([box('ftyp', [Buffer.from('isom'), u32(0)]), tree]));

describe('W15 bytes whose length cannot be read are refused, never guessed', () => {
  it.each<[string, Uint8Array, string]>([
    ['nothing', new Uint8Array(0), WEBM],
    ['a WebM cut inside a frame', chromiumWebm.subarray(0, -3), WEBM],
    ['a WebM without frames or Duration', webmFile({ seconds: 0 }), WEBM],
    ['a WebM whose first element is not the EBML header', ebml(0xec, Buffer.alloc(4)), WEBM],
    [
      'a WebM with a Void of unknown size',
      Buffer.concat([webmFile({ seconds: 1 }), ebml(0xec, Buffer.alloc(0), true)]),
      WEBM,
    ],
    ['an MP4 cut inside its movie', chromiumMp4.subarray(0, 300), MP4],
    ['an MP4 cut inside its fragment', chromiumMp4.subarray(0, 1500), MP4],
    ['an MP4 with no length at all', box('ftyp', [Buffer.from('isom'), u32(0)]), MP4],
    ['an MP4 box smaller than its header', Buffer.concat([u32(4), Buffer.from('moov')]), MP4],
    [
      'a box to read larger than any a video needs (16 MiB)',
      Buffer.concat([u32(32 * 1024 * 1024), Buffer.from('trun')]),
      MP4,
    ],
    [
      'a fragment of a track the movie does not have',
      box('moof', box('traf', [box('tfhd', u32(9), {}), box('trun', u32(0), {})])),
      MP4,
    ],
    ['another type', chromiumWebm, 'video/quicktime'],
  ])('%s', async (_name, bytes, type) => {
    expect(await outcome(bytes, type)).toBe('unreadable');
  });

  it(`walks at most ${ELEMENTS_MAX.toLocaleString('en')} elements`, { timeout: 60_000 }, async () => {
    const voids = Buffer.alloc(2 * ELEMENTS_MAX, Buffer.from([0xec, 0x80]));
    const file = Buffer.concat([webmFile({ seconds: 1 }), voids]);
    expect(await outcome(file, WEBM)).toBe('unreadable');
    expect(
      await outcome(Buffer.concat([webmFile({ seconds: 1 }), voids.subarray(0, 2000)]), WEBM),
    ).toBeCloseTo(1, 6);
  });

  it('never throws anything but UnreadableMedia, whatever the bytes (random, cut short, altered)', async () => {
    const seeds = [
      chromiumWebm,
      chromiumMp4,
      webmFile({ seconds: 2, blockGroups: true, infoSeconds: 2 }),
      mp4File({ seconds: 2, fragmented: true, defaultDuration: true }),
    ];
    const altered = fc
      .record({
        seed: fc.nat({ max: seeds.length - 1 }),
        cut: fc.option(fc.nat(), { nil: undefined }),
        flips: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 8 }),
      })
      .map(({ seed, cut, flips }) => {
        const bytes = Buffer.from(seeds[seed]!);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
      });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 512 }), altered, ebmlSoup, boxSoup);
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom(WEBM, MP4), async (b, type) => {
        const said = await outcome(b, type);
        if (typeof said === 'number') expect(Number.isFinite(said) && said > 0).toBe(true);
        else expect(said).toBe('unreadable');
      }),
      { numRuns: 1500 },
    );
  });
});
