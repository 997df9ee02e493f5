// Video files made to measure for the tests of W15: WebM (EBML) and MP4 (ISO BMFF) with frames over a
// chosen length, shaped as browsers write them (unknown sizes, fragments) or as a liar might (a
// header that says less than the frames). Real recordings are in tests/fixtures/ and the e2e test.

// ---- WebM ----

/** An EBML variable-length size of `bytes` bytes (8 by default), or the "unknown" size. */
function ebmlSize(value: number | null, bytes = 8): Buffer {
  const out = Buffer.alloc(bytes, 0xff);
  if (value === null) {
    out[0] = (0x100 >> bytes) | (0xff >> bytes);
    return out;
  }
  let v = value;
  for (let i = bytes - 1; i >= 1; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = (0x100 >> bytes) | v;
  return out;
}

const idBytes = (id: number) => {
  const hex = id.toString(16);
  return Buffer.from(hex.padStart(hex.length + (hex.length % 2), '0'), 'hex');
};

/** An EBML element: its id, its size (or unknown) and its body. */
export const ebml = (id: number, body: Buffer | Buffer[], unknownSize = false) => {
  const content = Array.isArray(body) ? Buffer.concat(body) : body;
  return Buffer.concat([idBytes(id), ebmlSize(unknownSize ? null : content.length), content]);
};

const uintBytes = (value: number, bytes = 4) => {
  const out = Buffer.alloc(bytes);
  out.writeUIntBE(value, 0, bytes);
  return out;
};

const f64 = (value: number) => {
  const out = Buffer.alloc(8);
  out.writeDoubleBE(value);
  return out;
};

/** A SimpleBlock (or a BlockGroup's Block) of `track` at `relativeMs` into its cluster. */
const block = (track: number, relativeMs: number) =>
  Buffer.concat([
    Buffer.from([0x80 | track]),
    Buffer.from([(relativeMs >> 8) & 0xff, relativeMs & 0xff]),
    Buffer.from([0x80, 1, 2, 3]),
  ]);

export interface WebmShape {
  /** How long the frames last, in seconds (a frame every 100 ms, one cluster a second). */
  seconds: number;
  /** Info's Duration, in seconds; none when left out (as MediaRecorder writes). */
  infoSeconds?: number;
  /** Segment and Clusters of unknown size, as MediaRecorder writes them (true by default). */
  unknownSizes?: boolean;
  /** Frames in BlockGroups with a BlockDuration instead of SimpleBlocks. */
  blockGroups?: boolean;
  /** Bytes of padding (an EBML Void) before the clusters, to make the file large. */
  padding?: number;
}

/** The EBML header of a WebM file: its DocType, "webm", is what tells it from other Matroska. */
export const webmHeader = () =>
  ebml(0x1a45dfa3, [ebml(0x4282, Buffer.from('webm')), ebml(0x4287, uintBytes(4, 1))]);

/** A WebM file whose frames last `seconds`: its last frame starts 100 ms before the end. */
export function webmFile(shape: WebmShape): Buffer {
  const { seconds, unknownSizes = true } = shape;
  const header = webmHeader();
  const info = ebml(0x1549a966, [
    ebml(0x2ad7b1, uintBytes(1_000_000, 3)),
    ...(shape.infoSeconds === undefined ? [] : [ebml(0x4489, f64(shape.infoSeconds * 1000))]),
  ]);
  const tracks = ebml(
    0x1654ae6b,
    ebml(0xae, [ebml(0xd7, uintBytes(1, 1)), ebml(0x86, Buffer.from('V_VP8'))]),
  );
  const clusters: Buffer[] = [];
  const frames = Math.round(seconds * 10);
  for (let first = 0; first < frames; first += 10) {
    const children = [ebml(0xe7, uintBytes(first * 100, 4))];
    for (let i = first; i < Math.min(first + 10, frames); i++) {
      const ms = (i - first) * 100;
      children.push(
        shape.blockGroups
          ? ebml(0xa0, [ebml(0xa1, block(1, ms)), ebml(0x9b, uintBytes(100, 2))])
          : ebml(0xa3, block(1, ms)),
      );
    }
    clusters.push(ebml(0x1f43b675, children, unknownSizes));
  }
  const padding = shape.padding ? [ebml(0xec, Buffer.alloc(shape.padding))] : [];
  return Buffer.concat([header, ebml(0x18538067, [info, tracks, ...padding, ...clusters], unknownSizes)]);
}

// ---- MP4 ----

/** An ISO BMFF box; `fullBox` puts version and flags first. */
export function box(
  type: string,
  body: Buffer | Buffer[],
  fullBox?: { version?: number; flags?: number },
): Buffer {
  const content = Array.isArray(body) ? Buffer.concat(body) : body;
  const full = fullBox
    ? Buffer.concat([uintBytes(fullBox.version ?? 0, 1), uintBytes(fullBox.flags ?? 0, 3)])
    : Buffer.alloc(0);
  return Buffer.concat([
    uintBytes(8 + full.length + content.length),
    Buffer.from(type, 'latin1'),
    full,
    content,
  ]);
}

export interface Mp4Shape {
  /** How long the samples last, in seconds (a sample every 100 ms). */
  seconds: number;
  /** The movie header's duration, in seconds (0: not known, as a fragmented file may say). */
  mvhdSeconds?: number;
  /** Samples in one fragment (moof) rather than in the movie's sample table (stts). */
  fragmented?: boolean;
  /** In a fragment: the samples' duration from tfhd's default rather than each sample's own. */
  defaultDuration?: boolean;
  /** Bytes of media data (mdat), to make the file large. */
  padding?: number;
}

/** An MP4 file (brand isom) whose one track's samples last `seconds`, at a timescale of 1000. */
export function mp4File(shape: Mp4Shape): Buffer {
  const samples = Math.round(shape.seconds * 10);
  const ftyp = box('ftyp', [Buffer.from('isom'), uintBytes(512), Buffer.from('isommp41')]);
  const mvhd = box(
    'mvhd',
    [
      uintBytes(0),
      uintBytes(0),
      uintBytes(1000),
      uintBytes(Math.round((shape.mvhdSeconds ?? shape.seconds) * 1000)),
      Buffer.alloc(80),
    ],
    {},
  );
  const stts = box(
    'stts',
    shape.fragmented ? uintBytes(0) : [uintBytes(1), uintBytes(samples), uintBytes(100)],
    {},
  );
  const trak = box('trak', [
    box('tkhd', [uintBytes(0), uintBytes(0), uintBytes(1), Buffer.alloc(68)], {}),
    box('mdia', [
      box('mdhd', [uintBytes(0), uintBytes(0), uintBytes(1000), uintBytes(0), Buffer.alloc(4)], {}),
      box('minf', box('stbl', stts)),
    ]),
  ]);
  const mvex = box(
    'mvex',
    box('trex', [uintBytes(1), uintBytes(1), uintBytes(0), uintBytes(0), uintBytes(0)], {}),
  );
  const moov = box('moov', [mvhd, trak, ...(shape.fragmented ? [mvex] : [])]);
  const fragment = shape.defaultDuration
    ? [
        box('tfhd', [uintBytes(1), uintBytes(100)], { flags: 0x8 }),
        box('tfdt', uintBytes(0), {}),
        box('trun', [uintBytes(samples), ...Array.from({ length: samples }, () => uintBytes(10))], {
          flags: 0x200,
        }),
      ]
    : [
        box('tfhd', uintBytes(1), {}),
        box('tfdt', uintBytes(0), {}),
        box(
          'trun',
          [
            uintBytes(samples),
            ...Array.from({ length: samples }, () => Buffer.concat([uintBytes(100), uintBytes(10)])),
          ],
          { flags: 0x300 },
        ),
      ];
  const moof = shape.fragmented ? [box('moof', [box('mfhd', uintBytes(1), {}), box('traf', fragment)])] : [];
  return Buffer.concat([ftyp, moov, ...moof, box('mdat', Buffer.alloc(shape.padding ?? 64, 3))]);
}
