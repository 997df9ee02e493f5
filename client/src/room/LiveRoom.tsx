import type { LocalTrack, Room } from 'livekit-client';
import { useCallback, type ReactNode } from 'react';
import { z } from 'zod';
import type { Participant, RoomState } from '../../../shared/protocol.js';
import { isAudience, type InviteRole } from '../../../shared/roles.js';
import { CaptionConsole } from '../captions/CaptionConsole';
import { ModeratorCommentsLink } from '../comments/ModeratorCommentsLink';
import { CaptionOptions, CaptionPanel, type useCaptionSettings } from '../captions/CaptionPanel';
import type { CaptionFeed } from '../captions/useCaptions';
import { ask, type RoomSocket } from '../lib/socket';
import { useListening } from '../sign/useListening';
import { floorName as voicedFloorName } from '../sign/voice';
import { usePersistentState } from '../lib/usePersistentState';
import { ControlBar } from './ControlBar';
import { FloorBanner } from './FloorBanner';
import { FloorOfferDialog } from './FloorOffer';
import { HandButton, useHand } from './HandControl';
import { InterpretersPanel } from './InterpretersPanel';
import { ROLE_PANELS, type PanelId } from './panels';
import { QueueArea } from './QueueArea';
import { SessionControls } from './SessionControls';
import { SettingsPanel } from './SettingsPanel';
import { ShortcutsHelp } from './ShortcutsHelp';
import { SidePanel } from './SidePanel';
import { Stage } from './Stage';
import { StageColumn } from './StageColumn';
import { Strip } from './Strip';
import type { MediaStatus } from './useMediaConnection';
import { useRemainingMs, type QueueView } from './useQueue';
import { queuePlace, useQueueNotices } from './useQueueNotices';
import { useQueueCommands, type RunCommand } from './useQueueCommands';
import { useSidePanel } from './useSidePanel';
import type { useStageLayout } from './useStageLayout';
import './roomLayout.css';

const CAPTIONS_ID = 'room-captions';
const captionsShownSchema = z.boolean();

export interface LiveRoomProps {
  socket: RoomSocket;
  room: Room;
  role: InviteRole;
  sessionId: string;
  /** The join link's token: it also opens the captions-only page and the transcript. */
  token: string;
  state: RoomState;
  self: Participant;
  queueView: QueueView | null;
  /** A speaker's own camera, ready while they are next in line: shown to them alone. */
  speakerPreview: LocalTrack | null;
  captionUrl: string | null;
  media: { status: MediaStatus; videoSeen: ReadonlySet<string> };
  stageLayout: ReturnType<typeof useStageLayout>;
  captions: { feed: CaptionFeed } & ReturnType<typeof useCaptionSettings>;
  alertText: string | null;
  run: RunCommand;
  onError: (message: string) => void;
  announce: (text: string) => void;
  onLeave: () => void;
}

/**
 * The live room in regions that stay put: the stage and the captions in one column, the role's
 * side panel beside it, and the control bar at the bottom. Every role's panel opens on its main act.
 */
export function LiveRoom(props: LiveRoomProps) {
  const { socket, room, role, state, self, queueView, media, announce, run } = props;
  const panelIds = ROLE_PANELS[role];
  const panel = useSidePanel(panelIds[0]!, announce);
  const [captionsShown, setCaptionsShown] = usePersistentState(
    'openfloor.captions-shown',
    captionsShownSchema,
    true,
  );
  const commands = useQueueCommands(socket, run, role === 'moderator', announce);
  const listening = useListening(room, state, announce);
  const queue = queueView?.queue;
  const floor = queue?.floor;
  const mayRaise = isAudience(role) && floor?.participantId !== self.id;
  const place = queue ? queuePlace(queue, self.id) : null;
  const hand = useHand({
    enabled: mayRaise,
    place,
    onRaise: commands.raise,
    onLower: commands.lower,
    announce,
  });
  useQueueNotices(queue, self, announce);
  const remainingMs = useRemainingMs(queueView);
  const holding = floor?.kind === 'speak' && floor.participantId === self.id;
  const asked = queue?.offer?.participantId === self.id ? queue.offer : null;
  const toggleCaptions = useCallback(() => {
    setCaptionsShown((shown) => !shown);
    announce(captionsShown ? 'Captions hidden' : 'Captions shown');
  }, [setCaptionsShown, announce, captionsShown]);

  const { settings, change, feed } = props.captions;
  const captionProps = { feed, settings, onChange: change, sessionId: props.sessionId, token: props.token };
  const captions = (
    <div id={CAPTIONS_ID} hidden={!captionsShown}>
      <CaptionPanel {...captionProps} withOptions={false} room={state} />
    </div>
  );
  const above = settings.position === 'above';
  const remark = floor?.kind === 'remark' ? { name: floor.name, text: floor.remark ?? '' } : null;
  // Q18: the captions console names a signing speaker with the interpreter who voices them.
  const floorName = voicedFloorName(state);

  const contents: Record<PanelId, ReactNode> = {
    queue: queueView && (
      <QueueArea
        view={queueView}
        self={self}
        commands={commands}
        hand={hand}
        preview={props.speakerPreview}
        announce={announce}
        session={
          role === 'moderator' && (
            <SessionControls socket={socket} status={state.session.status} run={run}>
              <ModeratorCommentsLink token={props.token} inline />
            </SessionControls>
          )
        }
      />
    ),
    console: (
      <CaptionConsole
        socket={socket}
        floorName={floorName}
        captionUrl={props.captionUrl}
        lines={feed.lines}
        pens={state.captionPens ?? {}}
        people={state.participants}
        selfId={self.id}
        interpreterId={state.activeInterpreterId}
      />
    ),
    interpreters: (
      <InterpretersPanel
        state={state}
        self={self}
        room={room}
        media={media.status}
        videoSeen={media.videoSeen}
        onTakeOver={() => void run(ask(socket, 'interpreter:take-over', {}))}
        onSetActive={(participantId) => void run(ask(socket, 'interpreter:set-active', { participantId }))}
        announce={announce}
      />
    ),
    participants: (
      <Strip
        state={state}
        room={room}
        media={media.status}
        videoSeen={media.videoSeen}
        selfId={self.id}
        viewer={role}
      />
    ),
    settings: (
      <SettingsPanel
        layout={props.stageLayout.layout}
        listening={listening}
        onChangeLayout={props.stageLayout.change}
        announce={announce}
        captionOptions={<CaptionOptions {...captionProps} />}
      />
    ),
    help: <ShortcutsHelp role={role} />,
  };

  return (
    <main className={`room live-room ${panel.open ? 'with-panel' : ''}`}>
      <StageColumn
        banner={
          holding && (
            <FloorBanner
              name={self.name}
              remainingMs={remainingMs}
              paused={floor.pausedRemainingMs !== null}
              voicedBy={floor.voicedBy?.name}
            />
          )
        }
      >
        {above && captions}
        <Stage
          state={state}
          room={room}
          media={media.status}
          videoSeen={media.videoSeen}
          layout={props.stageLayout.layout}
          remark={remark}
          announce={announce}
        />
        {!above && captions}
      </StageColumn>
      <p role="alert" className="alert">
        {props.alertText}
      </p>
      <ControlBar
        room={room}
        hand={mayRaise && <HandButton hand={hand} />}
        captionsShown={captionsShown}
        captionsId={CAPTIONS_ID}
        onToggleCaptions={toggleCaptions}
        panels={panelIds}
        panel={panel}
        onError={props.onError}
        onLeave={props.onLeave}
      />
      <SidePanel panels={panelIds.map((id) => [id, contents[id]])} open={panel.open} onClose={panel.close} />
      {asked && queueView && (
        <FloorOfferDialog
          key={asked.expiresAt}
          offer={asked}
          clockOffsetMs={queueView.clockOffsetMs}
          serverNow={queueView.queue.serverNow}
          onAccept={commands.accept}
          onDecline={commands.decline}
        />
      )}
    </main>
  );
}
