// The W3C reference WebVTT parser ships without types; this is the part the tests use.
declare module 'webvtt-parser' {
  interface ParsedCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: { type: string; name?: string; value?: string; children?: { value?: string }[] }[] };
  }
  export class WebVTTParser {
    constructor(entities?: Record<string, string>);
    parse(
      input: string,
      mode?: 'metadata' | 'chapters',
    ): { cues: ParsedCue[]; errors: { message: string }[] };
  }
}
