import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { INVITE_ROLES, ROLE_LABEL, type InviteRole } from '../../../shared/roles.js';
import { ApiProblem, callApi } from '../public/api';
import { TableScroll } from './TableScroll';

interface InviteView {
  id: string;
  role: InviteRole;
  name: string;
  joinedAt: string | null;
  revokedAt: string | null;
  url: string | null;
  captionUrl: string | null;
}

function Copy({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState('');
  const copy = () =>
    void navigator.clipboard?.writeText(text).then(
      () => setDone('Copied.'),
      () => setDone('Copying failed: select the link and copy it.'),
    );
  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span role="status">{done}</span>
    </>
  );
}

/** Staff and other personal links: invite by role and name, see who has joined, revoke. */
export function Staff({ sessionId }: { sessionId: string }) {
  const [invites, setInvites] = useState<InviteView[]>([]);
  const [role, setRole] = useState<InviteRole>('moderator');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    void callApi<InviteView[]>(`/api/sessions/${sessionId}/invites`).then(setInvites);
  }, [sessionId]);
  useEffect(load, [load]);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await callApi(`/api/sessions/${sessionId}/invites`, {
        method: 'POST',
        body: JSON.stringify({ role, name }),
      });
      setError(null);
      setStatus(`Invited ${name} as ${ROLE_LABEL[role]}.`);
      setName('');
      load();
    } catch (err) {
      setError(err instanceof ApiProblem ? err.message : String(err));
    }
  };
  const revoke = async (i: InviteView) => {
    await callApi(`/api/sessions/${sessionId}/invites/${i.id}`, { method: 'DELETE' }).catch(() => undefined);
    setStatus(`Revoked the link of ${i.name}.`);
    load();
  };

  return (
    <section aria-labelledby="staff-heading">
      <h2 id="staff-heading">Staff and links</h2>
      <form onSubmit={(e) => void invite(e)} noValidate className="console-fields">
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole(e.target.value as InviteRole)}>
            {INVITE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name{' '}
          <input
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby="invite-error"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <button type="submit" className="button primary">
          Invite
        </button>
      </form>
      <p id="invite-error" className="error" role="alert">
        {error}
      </p>
      <p role="status">{status}</p>
      <TableScroll label="Personal links">
        <table>
          <caption>Personal links</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Joined</th>
              <th scope="col">Links</th>
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{ROLE_LABEL[i.role]}</td>
                <td>{i.revokedAt ? 'Revoked' : i.joinedAt ? 'Yes' : 'Not yet'}</td>
                <td>
                  {i.url && <Copy text={i.url} label={`Copy the link of ${i.name}`} />}
                  {i.captionUrl && <Copy text={i.captionUrl} label={`Copy the caption URL of ${i.name}`} />}
                  {!i.revokedAt && (
                    <button type="button" className="button danger" onClick={() => void revoke(i)}>
                      Revoke {i.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
