import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { ApiError, InviteInfo } from '../../../shared/protocol.js';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { RoomView } from '../room/RoomView';
import { PreJoin, type JoinChoices } from './PreJoin';

type Step =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'prejoin'; invite: InviteInfo }
  | { kind: 'room'; invite: InviteInfo; choices: JoinChoices }
  | { kind: 'left'; invite: InviteInfo };

async function fetchInvite(token: string): Promise<InviteInfo> {
  const res = await fetch(`/api/join/${encodeURIComponent(token)}`);
  if (!res.ok) throw new Error(((await res.json()) as ApiError).message);
  return (await res.json()) as InviteInfo;
}

/** /join/:token: who the link is for, then the pre-join page, then the room, in one page. */
export function JoinFlow() {
  const { token = '' } = useParams();
  const [step, setStep] = useState<Step>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    fetchInvite(token).then(
      (invite) => current && setStep({ kind: 'prejoin', invite }),
      (err: unknown) =>
        current && setStep({ kind: 'error', message: err instanceof Error ? err.message : 'Unknown error' }),
    );
    return () => {
      current = false;
    };
  }, [token]);

  switch (step.kind) {
    case 'loading':
      return <Message title="Opening your link" text="Checking your join link…" />;
    case 'error':
      return <Message title="This link cannot be used" text={step.message} alert />;
    case 'prejoin':
      return (
        <PreJoin invite={step.invite} onJoin={(choices) => setStep({ ...step, kind: 'room', choices })} />
      );
    case 'room':
      return (
        <RoomView
          token={token}
          invite={step.invite}
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
    <main className="page">
      <h1>{title}</h1>
      <p role={alert ? 'alert' : 'status'}>{text}</p>
    </main>
  );
}

function LeftPage({ onRejoin }: { onRejoin: () => void }) {
  useDocumentTitle('You left the room');
  return (
    <main className="page">
      <h1>You left the room</h1>
      <p>You can come back while the session lasts.</p>
      <button type="button" className="button primary" onClick={onRejoin}>
        Rejoin
      </button>
    </main>
  );
}
