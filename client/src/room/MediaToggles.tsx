import { Track, type Room } from 'livekit-client';
import { useState } from 'react';

interface MediaTogglesProps {
  room: Room;
  onError: (message: string) => void;
}

/**
 * Microphone and camera switches for whoever publishes (staff, or a speaker holding the floor).
 * Each button is named by what it will do, so its name changes instead of a pressed state.
 */
export function MediaToggles({ room, onError }: MediaTogglesProps) {
  const local = room.localParticipant;
  const [busy, setBusy] = useState(false);
  const hasMic = local.getTrackPublication(Track.Source.Microphone) !== undefined;
  const hasCamera = local.getTrackPublication(Track.Source.Camera) !== undefined;
  const micOn = local.isMicrophoneEnabled;
  const camOn = local.isCameraEnabled;

  const run = (act: () => Promise<unknown>, what: string) => {
    if (busy) return;
    setBusy(true);
    act()
      .catch((err: unknown) =>
        onError(`Could not ${what}: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => setBusy(false));
  };

  return (
    <>
      {hasMic && (
        <button
          type="button"
          className="button"
          onClick={() => run(() => local.setMicrophoneEnabled(!micOn), 'switch the microphone')}
        >
          {micOn ? 'Mute microphone' : 'Unmute microphone'}
        </button>
      )}
      {hasCamera && (
        <button
          type="button"
          className="button"
          onClick={() => run(() => local.setCameraEnabled(!camOn), 'switch the camera')}
        >
          {camOn ? 'Turn camera off' : 'Turn camera on'}
        </button>
      )}
    </>
  );
}
