import { useId } from 'react';
import type { PreviewState } from './usePreview';
import { useAttachedTrack } from '../lib/useAttachedTrack';

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
        {props.devices.length === 0 && <option value="">No {props.label.toLowerCase()} found</option>}
        {props.devices.map((d, i) => (
          <option key={d.deviceId || i} value={d.deviceId}>
            {d.label || `${props.label} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

interface DeviceCheckProps {
  preview: PreviewState;
  cameraId: string;
  microphoneId: string;
  onCamera: (id: string) => void;
  onMicrophone: (id: string) => void;
}

/** The camera preview and the device choices, for people who will be on camera. */
export function DeviceCheck({ preview, cameraId, microphoneId, onCamera, onMicrophone }: DeviceCheckProps) {
  const videoRef = useAttachedTrack(preview.videoTrack);

  return (
    <fieldset className="devices">
      <legend>Camera and microphone</legend>
      <video ref={videoRef} className="preview" aria-label="Your camera preview" autoPlay muted playsInline />
      <p role="alert" className="error">
        {preview.error && `Camera or microphone unavailable: ${preview.error}. You can still join.`}
      </p>
      <DeviceSelect
        label="Camera"
        devices={preview.cameras}
        value={cameraId || preview.activeCameraId}
        onChange={onCamera}
      />
      <DeviceSelect
        label="Microphone"
        devices={preview.microphones}
        value={microphoneId || preview.activeMicrophoneId}
        onChange={onMicrophone}
      />
    </fieldset>
  );
}
