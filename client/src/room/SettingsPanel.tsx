import type { ReactNode } from 'react';
import type { StageLayout } from './useStageLayout';

const LAYOUT_TOGGLES: [keyof StageLayout, string][] = [
  ['swapped', 'Swap sides'],
  ['enlarged', 'Enlarge interpreter'],
];

interface SettingsPanelProps {
  layout: StageLayout;
  onToggleLayout: (key: keyof StageLayout) => void;
  /** The caption options (language, appearance, transcript, captions alone). */
  captionOptions: ReactNode;
}

/** The viewer's own arrangement of the stage and the captions; every choice is kept in the browser. */
export function SettingsPanel({ layout, onToggleLayout, captionOptions }: SettingsPanelProps) {
  return (
    <>
      <div className="settings-section">
        <h3 id="stage-view-heading">Stage view</h3>
        <div role="group" aria-labelledby="stage-view-heading" className="control-group">
          {LAYOUT_TOGGLES.map(([key, label]) => (
            <button
              key={key}
              type="button"
              className="button"
              aria-pressed={layout[key]}
              onClick={() => onToggleLayout(key)}
            >
              {label}
            </button>
          ))}
        </div>
        <p className="hint">The interpreter stays in view and never takes less than a third of the stage.</p>
      </div>
      <div className="settings-section">
        <h3>Captions</h3>
        {captionOptions}
      </div>
    </>
  );
}
