import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { ClosedLink, InviteInfo } from '../../../shared/protocol.js';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { RoomView } from '../room/RoomView';
import { usePageConnections } from '../room/usePageConnections';
import { choosePeerConnections } from '../room/peerConnections';
import { EndPage } from './EndPage';
import { ClosedLinkError, fetchInvite } from './fetchInvite';
import { useConnectAhead } from './useConnectAhead';
import { PreJoin, type JoinChoices } from './PreJoin';
import { useSessionClosed } from './useSessionClosed';

type Step =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'over'; link: ClosedLink }
  | { kind: 'prejoin'; invite: InviteInfo }
  | { kind: 'room'; invite: InviteInfo; choices: JoinChoices }
  | { kind: 'left'; invite: InviteInfo };

/** /join/:token. Keyed by token, so another link gets a fresh socket and room. */
export function JoinRoute() {
  const { token = '' } = useParams();
  return <JoinFlow key={token} token={token} />;
}

/**
 * Who the link is for, then the pre-join page, then the room, all in one page (no reload); and the
 * end page when the server closes the room for good (the session ended or was cancelled, the link
 * was withdrawn).
 */
function JoinFlow({ token }: { token: string }) {
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const { socket, room } = usePageConnections(token);
  const closed = useSessionClosed(socket);
  useConnectAhead(socket, room, step.kind === 'prejoin' && !closed);

  useEffect(() => {
    let current = true;
    fetchInvite(token).then(
      (invite) => {
        if (!current) return;
        // Before the Room first connects, which the pre-join page does ahead of the click.
        choosePeerConnections(room, invite.role);
        setStep({ kind: 'prejoin', invite });
      },
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ClosedLinkError) return setStep({ kind: 'over', link: err.link });
        setStep({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [token, room]);

  // Called from the Join and Rejoin clicks: a user gesture is what lets the browser play audio.
  const unlockAudio = () => void room.startAudio().catch(() => undefined);

  switch (step.kind) {
    case 'loading':
      return <Message title="Opening your link" text="Checking your join link…" />;
    case 'error':
      return <Message title="This link cannot be used" text={step.message} alert />;
    case 'over':
      // Opened (or reloaded) after the end: the same end page as for those who were there.
      return (
        <EndPage
          closed={step.link.closed}
          session={step.link.session}
          viewer={step.link.role}
          token={token}
        />
      );
    case 'prejoin':
      if (closed) {
        return (
          <EndPage closed={closed} session={step.invite.session} viewer={step.invite.role} token={token} />
        );
      }
      return (
        <PreJoin
          invite={step.invite}
          onJoin={(choices) => {
            unlockAudio();
            setStep({ kind: 'room', invite: step.invite, choices });
          }}
        />
      );
    case 'room':
      if (closed) {
        return (
          <EndPage closed={closed} session={step.invite.session} viewer={step.invite.role} token={token} />
        );
      }
      return (
        <RoomView
          socket={socket}
          room={room}
          invite={step.invite}
          token={token}
          choices={step.choices}
          onLeave={() => setStep({ kind: 'left', invite: step.invite })}
        />
      );
    case 'left':
      return <LeftPage onRejoin={() => setStep({ kind: 'prejoin', invite: step.invite })} />;
  }
}

function Message({ title, text, alert = false }: { title: string; text: string; alert?: boolean }) {
  useDocumentTitle(title);
  return (
    <PageLayout>
      <h1>{title}</h1>
      <p role={alert ? 'alert' : 'status'}>{text}</p>
    </PageLayout>
  );
}

function LeftPage({ onRejoin }: { onRejoin: () => void }) {
  useDocumentTitle('You left the room');
  return (
    <PageLayout>
      <h1>You left the room</h1>
      <p>You can come back while the session lasts.</p>
      <button type="button" className="button primary" onClick={onRejoin}>
        Rejoin
      </button>
    </PageLayout>
  );
}
