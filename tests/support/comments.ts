import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommentSettingsInput, ModeratedComment } from '../../shared/comments.js';
import type { TestServer } from './server.js';
import { mp4File, webmFile } from './videoFiles.js';

// Comments as the tests send them (issue 16): the settings, multipart forms as a browser sends
// them, and files whose first bytes say what they are, the way real files of each type begin.

/** A WebM video of `seconds`, shaped as Chromium's MediaRecorder writes it, with `payload` bytes of padding. */
export const webmBytes = (payload = 64, seconds = 5): Buffer => webmFile({ seconds, padding: payload });

/** A fragmented MP4 video of `seconds`, with `payload` bytes of media data. */
export const mp4Bytes = (payload = 64, seconds = 5): Buffer =>
  mp4File({ seconds, fragmented: true, mvhdSeconds: 0, padding: payload });

export const pdfBytes = () => Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

export const pngBytes = () =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'),
    Buffer.alloc(64),
  ]);

/** The start of a Linux program (ELF), as a renamed one would arrive. */
export const elfBytes = () =>
  Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256)]);

/** The start of a Windows program (PE). */
export const exeBytes = () =>
  Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(64)]);

export interface FormFile {
  field: string;
  name: string;
  /** What the browser would claim: the server never believes it. */
  type?: string;
  bytes: Buffer;
}

/** A period open now: from an hour ago to a day from the server's clock, with these settings. */
export function openPeriod(
  server: TestServer,
  over: Partial<CommentSettingsInput> = {},
): CommentSettingsInput {
  const now = server.clock.now.getTime();
  return {
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    ...over,
  };
}

/** PUT /api/sessions/:id/comment-settings as the organizer. */
export async function setCommentSettings(
  server: TestServer,
  sessionId: string,
  settings: CommentSettingsInput,
) {
  const res = await server.api('PUT', `/api/sessions/${sessionId}/comment-settings`, settings);
  if (res.status !== 200) throw new Error(`comment settings: ${res.status} ${await res.text()}`);
}

/** POSTs a comment as multipart/form-data, as the comment page does. */
export function postComment(
  server: TestServer,
  sessionId: string,
  kind: 'written' | 'video',
  fields: Record<string, string>,
  files: FormFile[] = [],
  /** The client's address as a proxy on loopback says it (the limit of W11 counts per address). */
  from?: string,
): Promise<Response> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const f of files)
    form.append(
      f.field,
      new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'application/octet-stream' }),
      f.name,
    );
  return fetch(`${server.url}/api/public/sessions/${sessionId}/comments/${kind}`, {
    method: 'POST',
    body: form,
    headers: from ? { 'x-forwarded-for': from } : {},
  });
}

/** A written comment's fields, filled in. */
export const writtenFields = (over: Record<string, string> = {}) => ({
  name: 'Rosa Diaz',
  email: 'rosa@example.org',
  organization: 'Local 12',
  text: 'Automated scheduling has cut our hours without warning.',
  ...over,
});

/** Every file stored for comments under the server's DATA_DIR (drafts included). */
export function storedFiles(server: TestServer): string[] {
  try {
    return readdirSync(join(server.dataDir, 'comments'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** The comments of a session as the organizer reads them, in one status or all. */
export async function moderationList(server: TestServer, sessionId: string, status = 'all', token?: string) {
  const res = await server.api(
    'GET',
    `/api/sessions/${sessionId}/comments?status=${status}`,
    undefined,
    token,
  );
  if (res.status !== 200) throw new Error(`moderation list: ${res.status} ${await res.text()}`);
  return (await res.json()) as {
    comments: ModeratedComment[];
    counts: Record<string, number>;
  };
}
