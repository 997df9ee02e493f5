import { useId, type ReactNode } from 'react';
import { languageName } from '../sign/channels';
import { FLOOR } from '../sign/useListening';
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
  /** What the listener hears, when the room has spoken-language channels (useListening). */
  listening?: { heard: string; languages: string[]; choose: (channel: string) => void };
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
export function SettingsPanel(props: SettingsPanelProps) {
  const { listening, layout, onChangeLayout, announce, captionOptions } = props;
  const change = (next: Partial<StageLayout>) => {
    onChangeLayout(next);
    announce(layoutAnnouncement(next));
  };
  const channels = listening ? [FLOOR, ...listening.languages] : [];
  return (
    <>
      {listening && listening.languages.length > 0 && (
        <div className="settings-section">
          <h3>Listening</h3>
          <Choice
            legend="Listen to"
            options={channels}
            labels={Object.fromEntries(channels.map((c) => [c, c === FLOOR ? 'Floor' : languageName(c)]))}
            value={listening.heard}
            onChange={listening.choose}
          />
          <p className="hint">A language brings its interpreter, with the floor lowered beneath.</p>
        </div>
      )}
      <div className="settings-section">
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
