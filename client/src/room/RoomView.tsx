import type { Room } from 'livekit-client';
import { useCallback, useRef, useState } from 'react';
import type { InviteInfo } from '../../../shared/protocol.js';
import type { JoinChoices } from '../join/PreJoin';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ask, type RoomSocket } from '../lib/socket';
import { CaptionConsole } from '../captions/CaptionConsole';
import { CaptionPanel, useCaptionSettings } from '../captions/CaptionPanel';
import { useCaptions } from '../captions/useCaptions';
import { isAudience } from '../../../shared/roles.js';
import { Controls } from './Controls';
import { Lobby, useSessionStatusAnnouncement } from './Lobby';
import { SessionControls } from './SessionControls';
import { QueueArea } from './QueueArea';
import { Stage } from './Stage';
import { Strip } from './Strip';
import { useAnnouncer } from './useAnnouncer';
import { useConnectionStatus } from './useConnectionStatus';
import { useLiveKit } from './useLiveKit';
import { shownMediaStatus } from './mediaStatus';
import { useQueue } from './useQueue';
import { useRoomSocket } from './useRoomSocket';
import { useStageLayout } from './useStageLayout';

interface RoomViewProps {
  socket: RoomSocket;
  room: Room;
  invite: InviteInfo;
  /** The join link's token: it also opens the captions-only page and the transcript. */
  token: string;
  choices: JoinChoices;
  onLeave: () => void;
}

/** The room: connection status, the stage, the controls, the queue and everyone else. */
export function RoomView({ socket, room, invite, token, choices, onLeave }: RoomViewProps) {
  useDocumentTitle(invite.session.title);
  const audioRef = useRef<HTMLDivElement>(null);
  const joined = useRoomSocket(socket, choices.name);
  const media = useLiveKit({
    room,
    socket,
    connection: joined.livekit,
    available: joined.mediaAvailable,
    role: invite.role,
    choices,
    audioRef,
  });
  const session = joined.state?.session;
  const inLobby = !!session && session.status !== 'live' && isAudience(invite.role);
  // The public's media starts with the session (policy A3): in the lobby there is none to miss.
  const mediaStatus = shownMediaStatus(media.status, { inLobby, pending: joined.mediaPending });
  const status = useConnectionStatus(
    { joined: joined.self !== null, connected: joined.connected, closed: joined.closed, lost: joined.lost },
    mediaStatus,
  );
  const { layout, toggle } = useStageLayout();
  const { message, key, announce } = useAnnouncer();
  const [refusal, setRefusal] = useState<string | null>(null);
  const queueView = useQueue(socket, joined.queue);
  const floor = queueView?.queue.floor;
  const remark = floor?.kind === 'remark' ? { name: floor.name, text: floor.remark ?? '' } : null;

  // A refused command is shown in the alert region until the next command succeeds.
  const command = useCallback(async (result: Promise<{ ok: boolean; message?: string }>) => {
    const r = await result;
    setRefusal(r.ok ? null : (r.message ?? 'That did not work.'));
    return r.ok;
  }, []);
  const alertText = refusal ?? joined.error ?? media.mediaError;
  const feed = useCaptions(socket, joined.joins);
  const captionSettings = useCaptionSettings();
  const captions = (
    <CaptionPanel
      feed={feed}
      settings={captionSettings.settings}
      onChange={captionSettings.change}
      sessionId={invite.session.id}
      token={token}
    />
  );
  const above = captionSettings.settings.position === 'above';
  useSessionStatusAnnouncement(session?.status, announce);
  const floorName =
    joined.state?.participants.find((p) => p.id === joined.state?.floorHolderId)?.name ?? null;

  return (
    <>
      <header className="room-header">
        <h1>{invite.session.title}</h1>
        <p role="status" className={`connection ${status.ok ? '' : 'warning'}`}>
          {status.text}
        </p>
      </header>
      <main className="room">
        <p role="alert" className="alert">
          {alertText}
        </p>
        {joined.state && joined.self && inLobby ? (
          <Lobby session={joined.state.session} captions={captions} />
        ) : joined.state && joined.self ? (
          <>
            {invite.role === 'moderator' && (
              <SessionControls socket={socket} status={joined.state.session.status} run={command} />
            )}
            {above && captions}
            <Stage
              state={joined.state}
              room={room}
              media={mediaStatus}
              videoSeen={media.videoSeen}
              layout={layout}
              remark={remark}
              announce={announce}
            />
            {!above && captions}
            {invite.role === 'captioner' && (
              <CaptionConsole socket={socket} floorName={floorName} captionUrl={joined.captionUrl} />
            )}
            <Controls
              room={room}
              self={joined.self}
              state={joined.state}
              layout={layout}
              onToggleLayout={toggle}
              onTakeOver={() => void command(ask(socket, 'interpreter:take-over', {}))}
              onSetActive={(participantId) =>
                void command(ask(socket, 'interpreter:set-active', { participantId }))
              }
              onError={setRefusal}
              onLeave={onLeave}
            />
            {queueView && (
              <QueueArea
                socket={socket}
                view={queueView}
                self={joined.self}
                run={command}
                announce={announce}
              />
            )}
            <Strip
              state={joined.state}
              room={room}
              media={mediaStatus}
              videoSeen={media.videoSeen}
              selfId={joined.self.id}
            />
          </>
        ) : (
          <p>Joining the room…</p>
        )}
        <div className="visually-hidden" aria-live="polite">
          <span key={key}>{message}</span>
        </div>
        <div ref={audioRef} hidden />
      </main>
    </>
  );
}
