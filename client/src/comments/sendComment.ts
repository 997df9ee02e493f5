import type { ApiError } from '../../../shared/protocol.js';
import type { CommentKind, CommentReceipt } from '../../../shared/commentBasics.js';
import { ApiProblem } from '../public/api';
import type { Recording } from './useRecorder';

/** What the comment form holds; the server checks it all (W2-W6) and names each field's problem. */
export type CommentFormValues = {
  kind: CommentKind;
  name: string;
  anonymous: boolean;
  email: string;
  organization: string;
  topic: string;
  text: string;
  summary: string;
  transcript: string;
  signed: boolean;
};

export const EMPTY_COMMENT: CommentFormValues = {
  kind: 'written',
  name: '',
  anonymous: false,
  email: '',
  organization: '',
  topic: '',
  text: '',
  summary: '',
  transcript: '',
  signed: false,
};

export interface CommentFiles {
  attachments: File[];
  recording: Recording | null;
  /** A video file chosen instead of a recording. */
  videoFile: File | null;
  captions: File | null;
}

/** The multipart form of a comment, as the API takes it: only the fields of its kind. */
export function commentForm(v: CommentFormValues, files: CommentFiles): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    name: v.anonymous ? '' : v.name,
    email: v.email,
    organization: v.anonymous ? '' : v.organization,
    topic: v.topic,
  };
  if (v.anonymous) fields.anonymous = 'true';
  if (v.kind === 'written') fields.text = v.text;
  else Object.assign(fields, { summary: v.summary, transcript: v.transcript, signed: String(v.signed) });
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (v.kind === 'written') for (const f of files.attachments) form.append('attachments', f, f.name);
  if (v.kind === 'video') {
    const r = files.recording;
    if (r) form.append('video', r.blob, `video-comment.${r.extension}`);
    else if (files.videoFile) form.append('video', files.videoFile, files.videoFile.name);
    if (files.captions) form.append('captions', files.captions, files.captions.name);
  }
  return form;
}

/** Sends the comment; a refusal becomes an ApiProblem with the server's words and field issues. */
export async function sendComment(
  sessionId: string,
  kind: CommentKind,
  form: FormData,
): Promise<CommentReceipt> {
  let res: Response;
  try {
    res = await fetch(`/api/public/sessions/${encodeURIComponent(sessionId)}/comments/${kind}`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch {
    throw new ApiProblem('The server could not be reached. Check your connection and try again.', 0);
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return body as CommentReceipt;
  const problem = body as Partial<ApiError> | null;
  throw new ApiProblem(problem?.message ?? `The server answered ${res.status}.`, res.status, problem?.issues);
}
