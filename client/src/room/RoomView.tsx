import { useEffect, useRef } from 'react';
import type { InviteInfo, RoomState } from '../../../shared/protocol.js';
import type { JoinChoices } from '../join/PreJoin';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ask } from '../lib/socket';
import { Controls } from './Controls';
import { QueueArea } from './QueueArea';
import { Stage } from './Stage';
import { Strip } from './Strip';
import { useAnnouncer } from './useAnnouncer';
import { useLiveKit, type MediaStatus } from './useLiveKit';
import { useQueue } from './useQueue';
import { useRoomSocket } from './useRoomSocket';
import { useStageLayout } from './useStageLayout';

interface RoomViewProps {
  token: string;
  invite: InviteInfo;
  choices: JoinChoices;
  onLeave: () => void;
}

function connectionMessage(socketConnected: boolean, joinedOnce: boolean, media: MediaStatus): string {
  if (joinedOnce && !socketConnected) return 'Reconnecting to the room…';
  if (media === 'reconnecting') return 'Reconnecting audio and video…';
  if (media === 'unavailable') return 'Media unavailable: you can still follow the room.';
  if (media === 'connecting' || !joinedOnce) return 'Connecting…';
  return 'Connected';
}

/** Announces when the pinned interpreter drops or comes back, once per change. */
function useInterpreterAnnouncements(state: RoomState | null, announce: (text: string) => void) {
  const previous = useRef<{ id: string; online: boolean } | null>(null);
  const interpreter = state?.participants.find((p) => p.id === state.activeInterpreterId);
  useEffect(() => {
    const before = previous.current;
    previous.current = interpreter ? { id: interpreter.id, online: interpreter.online } : null;
    if (!interpreter || !before) return;
    if (before.id !== interpreter.id) announce(`${interpreter.name} is now the ASL interpreter`);
    else if (before.online && !interpreter.online)
      announce(`ASL interpreter ${interpreter.name} is reconnecting`);
    else if (!before.online && interpreter.online) announce(`ASL interpreter ${interpreter.name} is back`);
  }, [interpreter?.id, interpreter?.online, interpreter?.name, interpreter, announce]);
}

export function RoomView({ token, invite, choices, onLeave }: RoomViewProps) {
  useDocumentTitle(invite.session.title);
  const joined = useRoomSocket(token, choices.name);
  const media = useLiveKit(joined.livekit, invite.role, choices);
  const { layout, toggle } = useStageLayout();
  const { message, key, announce } = useAnnouncer();
  useInterpreterAnnouncements(joined.state, announce);
  const queueView = useQueue(joined.socket, joined.queue);
  const floor = queueView?.queue.floor;
  const remark = floor?.kind === 'remark' ? { name: floor.name, text: floor.remark ?? '' } : null;

  const command = async (result: Promise<{ ok: boolean; message?: string }>) => {
    const r = await result;
    if (!r.ok) announce(r.message ?? 'That did not work.');
  };
  const socket = joined.socket;
  const mediaStatus = joined.state && !joined.livekit ? 'unavailable' : media.status;
  const status = connectionMessage(joined.connected, joined.state !== null, mediaStatus);

  return (
    <>
      <header className="room-header">
        <h1>{invite.session.title}</h1>
        <p role="status" className={`connection ${status === 'Connected' ? '' : 'warning'}`}>
          {status}
        </p>
      </header>
      <main className="room">
        {joined.error && <p role="alert">{joined.error}</p>}
        {joined.state && joined.self ? (
          <>
            <Stage state={joined.state} room={media.room} layout={layout} remark={remark} />
            <Controls
              room={media.room}
              self={joined.self}
              state={joined.state}
              mediaReady={media.status === 'connected' || media.status === 'reconnecting'}
              layout={layout}
              onToggleLayout={toggle}
              onTakeOver={() => void command(ask(socket, 'interpreter:take-over', {}))}
              onSetActive={(participantId) =>
                void command(ask(socket, 'interpreter:set-active', { participantId }))
              }
              onLeave={onLeave}
            />
            {queueView && (
              <QueueArea
                socket={socket}
                view={queueView}
                self={joined.self}

                announce={announce}
              />
            )}
            <Strip state={joined.state} room={media.room} selfId={joined.self.id} />
          </>
        ) : (
          <p>Joining the room…</p>
        )}
        <div className="visually-hidden" aria-live="polite">
          <span key={key}>{message}</span>
        </div>
        <div id="remote-audio" hidden />
      </main>
    </>
  );
}
