import { DEFAULT_CAPTION_LANG } from './captionBasics.js';

/** A transcript's lines in one caption language. */
export interface LanguageTrack<T> {
  lang: string;
  /** The language's name in English ("Mexican Spanish"), or its tag where the runtime has none. */
  name: string;
  lines: T[];
}

/** The name of a language tag in English, for a heading: "American English". */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * A transcript split by caption language (each language is a track of its own, written by its own
 * captioner): the default language first, then the others by tag, each in the order given.
 */
export function byLanguage<T extends { lang: string }>(lines: readonly T[]): LanguageTrack<T>[] {
  const tracks = new Map<string, T[]>();
  for (const line of lines) {
    const track = tracks.get(line.lang);
    if (track) track.push(line);
    else tracks.set(line.lang, [line]);
  }
  return [...tracks.entries()]
    .sort(([a], [b]) =>
      a === DEFAULT_CAPTION_LANG ? -1 : b === DEFAULT_CAPTION_LANG ? 1 : a.localeCompare(b),
    )
    .map(([lang, langLines]) => ({ lang, name: languageName(lang), lines: langLines }));
}
