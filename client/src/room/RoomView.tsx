import type { Room } from 'livekit-client';
import { useCallback, useRef, useState } from 'react';
import type { InviteInfo } from '../../../shared/protocol.js';
import type { JoinChoices } from '../join/PreJoin';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import type { RoomSocket } from '../lib/socket';
import { CaptionPanel, useCaptionSettings } from '../captions/CaptionPanel';
import { useCaptions } from '../captions/useCaptions';
import { isAudience } from '../../../shared/roles.js';
import { Lobby, useSessionStatusAnnouncement } from './Lobby';
import { LiveRoom } from './LiveRoom';
import { useAnnouncer } from './useAnnouncer';
import { useConnectionStatus } from './useConnectionStatus';
import { useLiveKit } from './useLiveKit';
import { shownMediaStatus } from './mediaStatus';
import { usePreparedSpeakerTracks } from './preparedTracks';
import { useQueue } from './useQueue';
import { useRoomSocket } from './useRoomSocket';
import { useStageLayout } from './useStageLayout';
import { useTrackAudience } from './standby';

interface RoomViewProps {
  socket: RoomSocket;
  room: Room;
  invite: InviteInfo;
  /** The join link's token: it also opens the captions-only page and the transcript. */
  token: string;
  choices: JoinChoices;
  onLeave: () => void;
}

/** The room: connection status, then the lobby or the live room, and what both announce. */
export function RoomView({ socket, room, invite, token, choices, onLeave }: RoomViewProps) {
  useDocumentTitle(invite.session.title);
  const audioRef = useRef<HTMLDivElement>(null);
  const joined = useRoomSocket(socket, choices.name);
  const audience = useTrackAudience(room, joined.self, joined.state);
  const media = useLiveKit({
    room,
    socket,
    connection: joined.livekit,
    available: joined.mediaAvailable,
    role: invite.role,
    choices,
    audioRef,
    audience,
  });
  const session = joined.state?.session;
  const inLobby = !!session && session.status !== 'live' && isAudience(invite.role);
  // The public's media starts with the session (policy A3): in the lobby there is none to miss.
  const mediaStatus = shownMediaStatus(media.status, { inLobby, pending: joined.mediaPending });
  const status = useConnectionStatus(
    { joined: joined.self !== null, connected: joined.connected, closed: joined.closed, lost: joined.lost },
    mediaStatus,
  );
  const stageLayout = useStageLayout();
  const { message, key, announce } = useAnnouncer();
  const [refusal, setRefusal] = useState<string | null>(null);
  const queueView = useQueue(socket, joined.queue);
  const speakerPreview = usePreparedSpeakerTracks(
    room,
    invite.role,
    choices,
    queueView?.queue,
    joined.self?.id,
  );

  // A refused command is shown in the alert region until the next command succeeds.
  const command = useCallback(async (result: Promise<{ ok: boolean; message?: string }>) => {
    const r = await result;
    setRefusal(r.ok ? null : (r.message ?? 'That did not work.'));
    return r.ok;
  }, []);
  const alertText = refusal ?? joined.error ?? media.mediaError;
  const feed = useCaptions(socket, joined.joins);
  const captionSettings = useCaptionSettings();
  useSessionStatusAnnouncement(session?.status, announce);
  const live = joined.state && joined.self && !inLobby;

  return (
    <div className={`room-shell ${live ? 'live' : ''}`}>
      <header className="room-header">
        <h1>{invite.session.title}</h1>
        <p role="status" className={`connection ${status.ok ? '' : 'warning'}`}>
          {status.text}
        </p>
      </header>
      {joined.state && joined.self && !inLobby ? (
        <LiveRoom
          socket={socket}
          room={room}
          role={invite.role}
          sessionId={invite.session.id}
          token={token}
          state={joined.state}
          self={joined.self}
          queueView={queueView}
          speakerPreview={speakerPreview}
          captionUrl={joined.captionUrl}
          media={{ status: mediaStatus, videoSeen: media.videoSeen }}
          stageLayout={stageLayout}
          captions={{ feed, ...captionSettings }}
          alertText={alertText}
          run={command}
          onError={setRefusal}
          announce={announce}
          onLeave={onLeave}
        />
      ) : (
        <main className="room">
          <p role="alert" className="alert">
            {alertText}
          </p>
          {joined.state && joined.self ? (
            <Lobby
              session={joined.state.session}
              captions={
                <CaptionPanel
                  feed={feed}
                  settings={captionSettings.settings}
                  onChange={captionSettings.change}
                  sessionId={invite.session.id}
                  token={token}
                />
              }
            />
          ) : (
            <p>Joining the room…</p>
          )}
        </main>
      )}
      <div className="visually-hidden" aria-live="polite">
        <span key={key}>{message}</span>
      </div>
      <div ref={audioRef} hidden />
    </div>
  );
}
