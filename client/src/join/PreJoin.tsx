import { useId, useRef, useState, type FormEvent } from 'react';
import type { InviteInfo } from '../../../shared/protocol.js';
import { canPublishOnJoin, ROLE_LABEL } from '../../../shared/roles.js';
import { nameSchema } from '../../../shared/ids.js';
import { describeStart } from '../lib/formatTime';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { DeviceCheck } from './DeviceCheck';
import { usePreview } from './usePreview';

export interface JoinChoices {
  name: string;
  /** Empty when the browser's default device is fine. */
  cameraId: string;
  microphoneId: string;
}

function nameProblem(name: string): string | null {
  const parsed = nameSchema.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Check your name.');
}

/** The pre-join page: the person's name and, for people who will be on camera, a device check. */
export function PreJoin({ invite, onJoin }: { invite: InviteInfo; onJoin: (choices: JoinChoices) => void }) {
  useDocumentTitle(`Join ${invite.session.title}`);
  // Speakers publish once given the floor: let them check their camera now too.
  const checksDevices = canPublishOnJoin(invite.role) || invite.role === 'speaker';
  const [name, setName] = useState(invite.name);
  const [error, setError] = useState<string | null>(null);
  const [cameraId, setCameraId] = useState('');
  const [microphoneId, setMicrophoneId] = useState('');
  const preview = usePreview(checksDevices, cameraId, microphoneId);
  const nameRef = useRef<HTMLInputElement>(null);
  const nameId = useId();
  const errorId = `${nameId}-error`;
  const start = describeStart(invite.session);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = nameSchema.safeParse(name);
    if (!parsed.success) {
      setError(nameProblem(name));
      nameRef.current?.focus();
      return;
    }
    onJoin({
      name: parsed.data,
      cameraId: cameraId || preview.activeCameraId,
      microphoneId: microphoneId || preview.activeMicrophoneId,
    });
  };

  return (
    <PageLayout>
      <h1>{invite.session.title}</h1>
      {start && <p>{start}</p>}
      <p>You are joining as {ROLE_LABEL[invite.role]}.</p>
      <form onSubmit={submit} noValidate className="prejoin">
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            ref={nameRef}
            value={name}
            autoComplete="name"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setName(e.target.value);
              // Once an error is shown, it follows the typing, so it clears as soon as it is fixed.
              if (error) setError(nameProblem(e.target.value));
            }}
          />
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        </div>
        {checksDevices && (
          <DeviceCheck
            preview={preview}
            cameraId={cameraId}
            microphoneId={microphoneId}
            onCamera={setCameraId}
            onMicrophone={setMicrophoneId}
          />
        )}
        <button type="submit" className="button primary">
          Join room
        </button>
      </form>
    </PageLayout>
  );
}
