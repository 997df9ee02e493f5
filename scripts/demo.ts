// Creates a demo session on the running server and prints one join link per role.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InviteRole } from '../shared/roles.js';

const port = process.env.PORT ?? '3000';
const base = (process.env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
const DEMO_LENGTH_MS = 8 * 60 * 60 * 1000;

function organizerToken(): string {
  if (process.env.ORGANIZER_TOKEN) return process.env.ORGANIZER_TOKEN;
  const file = join(resolve(process.env.DATA_DIR ?? './data'), 'organizer-token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(
      `No organizer token: set ORGANIZER_TOKEN or start the server once (npm start) to create ${file}.`,
    );
  }
}

async function post<T>(path: string, body: unknown, token: string): Promise<T> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

const PEOPLE: [InviteRole, string][] = [
  ['moderator', 'Morgan Lee'],
  ['interpreter', 'Ana Ruiz'],
  ['interpreter', 'Ben Okafor'],
  ['captioner', 'Cora Diaz'],
  ['speaker', 'Sam Patel'],
  ['attendee', 'Alex Kim'],
];

async function main() {
  const token = organizerToken();
  const now = Date.now();
  const session = await post<{ id: string; title: string }>(
    '/sessions',
    {
      title: 'Demo listening session: how AI is changing your work',
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + DEMO_LENGTH_MS).toISOString(),
      timeZone: 'America/New_York',
    },
    token,
  );
  await post(`/sessions/${session.id}/lifecycle/open-lobby`, {}, token);
  console.log(`Session "${session.title}" (${session.id}), links valid for 8 hours.`);
  console.log('The lobby is open: the public waits there until the moderator starts the session.\n');
  for (const [role, name] of PEOPLE) {
    const invite = await post<{ url: string }>(`/sessions/${session.id}/invites`, { role, name }, token);
    console.log(`${role.padEnd(12)} ${name.padEnd(12)} ${invite.url}`);
  }
}

main().catch((err: unknown) => {
  const cause = (err as { cause?: { code?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED')
    console.error(`No OpenFloor server at ${base}: start it with npm start.`);
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
