import type { Room } from 'livekit-client';
import type { ReactNode } from 'react';
import { MediaToggles } from './MediaToggles';
import { PANELS, panelElementId, type PanelId } from './panels';
import type { SidePanelState } from './useSidePanel';

interface ControlBarProps {
  room: Room;
  /** The public's "Raise hand" / "Lower hand", when they may raise one. */
  hand: ReactNode;
  captionsShown: boolean;
  captionsId: string;
  onToggleCaptions: () => void;
  panels: PanelId[];
  panel: SidePanelState;
  onError: (message: string) => void;
  onLeave: () => void;
}

/**
 * The bar at the bottom of the room, which never moves: one's hand, microphone and camera, the
 * captions, the side panel's switches and Leave. Every act is a button named by what it does.
 */
export function ControlBar(props: ControlBarProps) {
  const { room, panel } = props;
  return (
    <section className="control-bar" aria-label="Room controls">
      <div className="control-group">
        {props.hand}
        <MediaToggles room={room} onError={props.onError} />
        {!room.canPlaybackAudio && (
          // The browser blocked sound (no user gesture it accepts yet): one press lets it play.
          <button
            type="button"
            className="button primary"
            onClick={() => void room.startAudio().catch(() => undefined)}
          >
            Start audio
          </button>
        )}
        <button
          type="button"
          className="button"
          aria-pressed={props.captionsShown}
          aria-controls={props.captionsId}
          onClick={props.onToggleCaptions}
        >
          Captions
        </button>
      </div>
      <div role="group" aria-label="Side panel" className="control-group panel-switches">
        {props.panels.map((id) => (
          <button
            key={id}
            ref={panel.switchRef(id)}
            type="button"
            className="button"
            aria-pressed={panel.open === id}
            aria-controls={panelElementId(id)}
            onClick={() => panel.toggle(id)}
          >
            {PANELS[id].label}
          </button>
        ))}
      </div>
      <button type="button" className="button danger leave" onClick={props.onLeave}>
        Leave
      </button>
    </section>
  );
}
