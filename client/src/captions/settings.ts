// Zod's mini build: the captions-only page carries this schema, and its whole script is held to
// 50 KB gzipped (full Zod alone is half of that).
import { z } from 'zod/mini';
import { DEFAULT_CAPTION_LANG, LANG_TAG_PATTERN } from '../../../shared/captionBasics.js';

export const CAPTION_FONTS = {
  atkinson: { label: 'Atkinson Hyperlegible', css: "'Atkinson Hyperlegible', system-ui, sans-serif" },
  sans: { label: 'System sans-serif', css: 'system-ui, sans-serif' },
  serif: { label: 'Serif', css: 'Georgia, serif' },
  mono: { label: 'Monospace', css: 'ui-monospace, monospace' },
} as const;
export type CaptionFont = keyof typeof CAPTION_FONTS;

/** High-contrast pairs: each at least 15:1. */
export const COLOUR_PRESETS = [
  { label: 'White on black', text: '#ffffff', background: '#000000' },
  { label: 'Yellow on black', text: '#ffff00', background: '#000000' },
  { label: 'Black on white', text: '#000000', background: '#ffffff' },
  { label: 'Black on yellow', text: '#000000', background: '#ffff00' },
] as const;

export const CAPTION_POSITIONS = { below: 'Below the video', above: 'Above the video' } as const;

export const SIZE = { min: 100, max: 400, step: 25 } as const;
export const LINES = { min: 1, max: 20 } as const;

const colour = z.string().check(z.regex(/^#[0-9a-f]{6}$/i));
const whole = (min: number, max: number) => z.number().check(z.int(), z.gte(min), z.lte(max));

export const captionSettingsSchema = z.object({
  size: whole(SIZE.min, SIZE.max),
  font: z.enum(Object.keys(CAPTION_FONTS) as [CaptionFont, ...CaptionFont[]]),
  text: colour,
  background: colour,
  lines: whole(LINES.min, LINES.max),
  position: z.enum(['below', 'above']),
  /** Read each committed line to screen readers; off for people who read the log on a braille display. */
  announce: z.boolean(),
  lang: z.string().check(z.regex(LANG_TAG_PATTERN)),
});
export type CaptionSettings = z.infer<typeof captionSettingsSchema>;

export const DEFAULT_CAPTION_SETTINGS: CaptionSettings = {
  size: 100,
  font: 'atkinson',
  text: COLOUR_PRESETS[0].text,
  background: COLOUR_PRESETS[0].background,
  lines: 4,
  position: 'below',
  announce: true,
  lang: DEFAULT_CAPTION_LANG,
};

export const CAPTION_SETTINGS_KEY = 'openfloor.caption-settings';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
