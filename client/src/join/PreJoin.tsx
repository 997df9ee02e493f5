import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { InviteInfo } from '../../../shared/protocol.js';
import { canPublishOnJoin, ROLE_LABEL } from '../../../shared/roles.js';
import { nameSchema } from '../../../shared/schemas.js';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { usePreview } from './usePreview';

export interface JoinChoices {
  name: string;
  cameraId: string;
  microphoneId: string;
}

function DeviceSelect(props: {
  label: string;
  devices: MediaDeviceInfo[];
  value: string;
  onChange: (id: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${props.label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The pre-join page: the person's name and, for roles that publish, a camera and microphone check. */
export function PreJoin({ invite, onJoin }: { invite: InviteInfo; onJoin: (choices: JoinChoices) => void }) {
  useDocumentTitle(`Join ${invite.session.title}`);
  // Speakers publish once given the floor: let them check their camera now.
  const publishes = canPublishOnJoin(invite.role) || invite.role === 'speaker';
  const [name, setName] = useState(invite.name);
  const [error, setError] = useState<string | null>(null);
  const [cameraId, setCameraId] = useState('');
  const [microphoneId, setMicrophoneId] = useState('');
  const preview = usePreview(publishes, cameraId, microphoneId);
  const videoRef = useRef<HTMLVideoElement>(null);
  const nameId = useId();

  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = preview.stream;
  }, [preview.stream]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = nameSchema.safeParse(name);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Check your name.');
    onJoin({ name: parsed.data, cameraId, microphoneId });
  };

  return (
    <main className="page">
      <h1>{invite.session.title}</h1>
      <p>You are joining as {ROLE_LABEL[invite.role]}.</p>
      <form onSubmit={submit} noValidate className="prejoin">
        <div className="field">
          <label htmlFor={nameId}>Your name</label>
          <input
            id={nameId}
            value={name}
            autoComplete="name"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${nameId}-error` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {error && (
            <p id={`${nameId}-error`} className="error" role="alert">
              {error}
            </p>
          )}
        </div>
        {publishes && (
          <fieldset className="devices">
            <legend>Camera and microphone</legend>
            <video
              ref={videoRef}
              className="preview"
              aria-label="Your camera preview"
              autoPlay
              muted
              playsInline
            />
            {preview.error && <p role="alert">{preview.error}</p>}
            <DeviceSelect label="Camera" devices={preview.cameras} value={cameraId} onChange={setCameraId} />
            <DeviceSelect
              label="Microphone"
              devices={preview.microphones}
              value={microphoneId}
              onChange={setMicrophoneId}
            />
          </fieldset>
        )}
        <button type="submit" className="button primary">
          Join room
        </button>
      </form>
    </main>
  );
}
