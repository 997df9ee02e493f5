import { useId, useState } from 'react';
import {
  CAPTION_FONTS,
  CAPTION_POSITIONS,
  COLOUR_PRESETS,
  contrastRatio,
  LINES,
  SIZE,
  type CaptionFont,
  type CaptionSettings,
} from './settings';

interface CaptionSettingsFormProps {
  settings: CaptionSettings;
  onChange: (change: Partial<CaptionSettings>) => void;
  /** Languages with captions so far; the viewer's choice is kept even before its first line. */
  langs: string[];
  /** Where "Position" does not apply (the captions-only page), it is left out. */
  showPosition?: boolean;
}

const AA_TEXT = 4.5;

function langLabel(tag: string): string {
  try {
    const name = new Intl.DisplayNames([navigator.language, 'en'], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} (${tag})` : tag;
  } catch {
    return tag;
  }
}

/** The viewer's caption settings behind a disclosure button; every change applies and is kept at once. */
export function CaptionSettingsForm({
  settings,
  onChange,
  langs,
  showPosition = true,
}: CaptionSettingsFormProps) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const ratio = contrastRatio(settings.text, settings.background);
  const choices = langs.includes(settings.lang) ? langs : [settings.lang, ...langs];

  return (
    <div className="caption-settings">
      <div className="caption-settings-bar">
        <label>
          Caption language{' '}
          <select value={settings.lang} onChange={(e) => onChange({ lang: e.target.value })}>
            {choices.map((tag) => (
              <option key={tag} value={tag}>
                {langLabel(tag)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.announce}
            onChange={(e) => onChange({ announce: e.target.checked })}
          />{' '}
          Read new captions aloud to screen readers
        </label>
        <button
          type="button"
          className="button"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => setOpen(!open)}
        >
          Caption settings
        </button>
      </div>
      <fieldset id={`${id}-panel`} hidden={!open} className="caption-settings-panel">
        <legend>Caption appearance</legend>
        <label>
          Text size{' '}
          <input
            type="range"
            min={SIZE.min}
            max={SIZE.max}
            step={SIZE.step}
            value={settings.size}
            aria-valuetext={`${settings.size}%`}
            onChange={(e) => onChange({ size: Number(e.target.value) })}
          />{' '}
          <output>{settings.size}%</output>
        </label>
        <label>
          Font{' '}
          <select value={settings.font} onChange={(e) => onChange({ font: e.target.value as CaptionFont })}>
            {Object.entries(CAPTION_FONTS).map(([key, font]) => (
              <option key={key} value={key}>
                {font.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Lines shown{' '}
          <input
            type="number"
            min={LINES.min}
            max={LINES.max}
            value={settings.lines}
            onChange={(e) => {
              const lines = Number(e.target.value);
              if (Number.isInteger(lines) && lines >= LINES.min && lines <= LINES.max) onChange({ lines });
            }}
          />
        </label>
        {showPosition && (
          <label>
            Position{' '}
            <select
              value={settings.position}
              onChange={(e) => onChange({ position: e.target.value as CaptionSettings['position'] })}
            >
              {Object.entries(CAPTION_POSITIONS).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        )}
        <fieldset>
          <legend>Colours</legend>
          {COLOUR_PRESETS.map((preset) => (
            <button
              key={preset.label}
              type="button"
              className="button colour-preset"
              style={{ color: preset.text, backgroundColor: preset.background }}
              aria-pressed={settings.text === preset.text && settings.background === preset.background}
              onClick={() => onChange({ text: preset.text, background: preset.background })}
            >
              {preset.label}
            </button>
          ))}
          <label>
            Text colour{' '}
            <input type="color" value={settings.text} onChange={(e) => onChange({ text: e.target.value })} />
          </label>
          <label>
            Background colour{' '}
            <input
              type="color"
              value={settings.background}
              onChange={(e) => onChange({ background: e.target.value })}
            />
          </label>
          <p role="status">
            Contrast {ratio.toFixed(1)} to 1
            {ratio < AA_TEXT ? ': below the 4.5 to 1 that WCAG asks for; hard to read for many.' : '.'}
          </p>
        </fieldset>
      </fieldset>
    </div>
  );
}
