import { useId, type ReactNode } from 'react';
import { fullScreenSupported, showInterpreterFullScreen } from './InterpreterFrame';
import {
  INTERPRETER_POSITIONS,
  INTERPRETER_SIZES,
  layoutAnnouncement,
  POSITION_LABEL,
  SIZE_LABEL,
  type StageLayout,
} from './useStageLayout';

interface SettingsPanelProps {
  layout: StageLayout;
  onChangeLayout: (change: Partial<StageLayout>) => void;
  announce: (text: string) => void;
  /** The caption options (language, appearance, transcript, captions alone). */
  captionOptions: ReactNode;
}

/** One labelled group of radio buttons: arrow keys move the choice, as in every radio group. */
function Choice<K extends string>(props: {
  legend: string;
  options: readonly K[];
  labels: Record<K, string>;
  value: K;
  onChange: (value: K) => void;
}) {
  const name = useId();
  return (
    <fieldset className="inline choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />{' '}
          {props.labels[option]}
        </label>
      ))}
    </fieldset>
  );
}

/** The viewer's own arrangement of the stage and the captions; every choice is kept in the browser. */
export function SettingsPanel({ layout, onChangeLayout, announce, captionOptions }: SettingsPanelProps) {
  const change = (next: Partial<StageLayout>) => {
    onChangeLayout(next);
    announce(layoutAnnouncement(next));
  };
  return (
    <>
      <div className="settings-section stage-view">
        <h3>Stage view</h3>
        <Choice
          legend="Interpreter size"
          options={INTERPRETER_SIZES}
          labels={SIZE_LABEL}
          value={layout.size}
          onChange={(size) => change({ size })}
        />
        <Choice
          legend="Interpreter position"
          options={INTERPRETER_POSITIONS}
          labels={POSITION_LABEL}
          value={layout.position}
          onChange={(position) => change({ position })}
        />
        {fullScreenSupported() && (
          <button
            type="button"
            className="button"
            onClick={() =>
              void showInterpreterFullScreen().then(
                (shown) => shown || announce('The browser did not show the interpreter full screen.'),
              )
            }
          >
            Interpreter full screen
          </button>
        )}
        <p className="hint">
          The interpreter stays in view and never takes less than a third of the stage. On a narrow screen the
          interpreter comes first, full width.
        </p>
      </div>
      <div className="settings-section">
        <h3>Captions</h3>
        {captionOptions}
      </div>
    </>
  );
}
