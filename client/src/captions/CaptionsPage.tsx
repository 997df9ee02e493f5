import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { ClosedLink, InviteInfo } from '../../../shared/protocol.js';
import { EndPage } from '../join/EndPage';
import { ClosedLinkError, fetchInvite } from '../join/fetchInvite';
import { createRoomSocket, type RoomSocket } from '../lib/socket';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import type { LostReason } from '../room/useConnectionStatus';
import { useRoomSocket } from '../room/useRoomSocket';
import { CaptionPanel, useCaptionSettings } from './CaptionPanel';
import { useCaptions } from './useCaptions';

/** /captions/:token: the captions alone, for a second screen. No media, so no camera or microphone prompt. */
export function CaptionsRoute() {
  const { token = '' } = useParams();
  const [invite, setInvite] = useState<InviteInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState<ClosedLink | null>(null);
  const [socket] = useState(() => createRoomSocket(token));

  useEffect(() => {
    let current = true;
    fetchInvite(token).then(
      (info) => current && setInvite(info),
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ClosedLinkError) setOver(err.link);
        else setError(err instanceof Error ? err.message : String(err));
      },
    );
    return () => {
      current = false;
      socket.disconnect();
    };
  }, [token, socket]);

  if (invite) return <CaptionsPage socket={socket} invite={invite} token={token} />;
  if (over) return <EndPage closed={over.closed} session={over.session} viewer="captions" token={token} />;
  return (
    <PageLayout>
      <h1>Captions</h1>
      <p role={error ? 'alert' : 'status'}>{error ?? 'Checking your link…'}</p>
    </PageLayout>
  );
}

const LOST_TEXT: Record<LostReason, string> = {
  restarting: 'The server is restarting: reconnecting… captions will catch up.',
  offline: 'This device is offline: captions catch up when the network is back.',
  network: 'Connection lost: reconnecting… captions will catch up.',
};

function CaptionsPage(props: { socket: RoomSocket; invite: InviteInfo; token: string }) {
  const { socket, invite, token } = props;
  const joined = useRoomSocket(socket, invite.name);
  if (joined.closedBy) {
    return <EndPage closed={joined.closedBy} session={invite.session} viewer="captions" token={token} />;
  }
  return <LiveCaptions {...props} joined={joined} />;
}

function LiveCaptions({
  socket,
  invite,
  token,
  joined,
}: {
  socket: RoomSocket;
  invite: InviteInfo;
  token: string;
  joined: ReturnType<typeof useRoomSocket>;
}) {
  useDocumentTitle(`Captions: ${invite.session.title}`);
  const feed = useCaptions(socket, joined.joins);
  const { settings, change } = useCaptionSettings();
  const status = joined.closed
    ? (joined.error ?? 'Disconnected.')
    : joined.connected
      ? 'Connected: captions are live.'
      : LOST_TEXT[joined.lost ?? 'network'];

  return (
    <main className="captions-page">
      <h1>Captions: {invite.session.title}</h1>
      <p role="status" className="connection">
        {status}
      </p>
      <CaptionPanel
        feed={feed}
        settings={settings}
        onChange={change}
        sessionId={invite.session.id}
        token={token}
        standalone
        room={joined.state}
      />
    </main>
  );
}
