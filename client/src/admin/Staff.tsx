import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { INVITE_ROLES, ROLE_LABEL, type InviteRole } from '../../../shared/roles.js';
import { ApiProblem, callApi } from '../public/api';
import { languageName } from '../sign/channels';
import { InterpreterLanguage, languageOf, NO_LANGUAGE, type LanguageChoice } from './InterpreterLanguage';
import { TableScroll } from './TableScroll';

interface InviteView {
  id: string;
  role: InviteRole;
  name: string;
  /** A spoken-language interpreter's channel (policy A42); absent for the ASL interpreter. */
  language?: string;
  joinedAt: string | null;
  revokedAt: string | null;
  url: string | null;
  captionUrl: string | null;
}

/** A refusal in the server's words, and the field it is about (the name unless it says otherwise). */
interface Refusal {
  message: string;
  field: 'name' | 'language';
}

function refusalOf(err: unknown): Refusal {
  if (!(err instanceof ApiProblem)) return { message: String(err), field: 'name' };
  const language = err.issues.filter((i) => i.path === 'language');
  if (language.length > 0 && language.length === err.issues.length) {
    return { message: `Interprets into: ${language.map((i) => i.message).join(' ')}`, field: 'language' };
  }
  return { message: err.message, field: 'name' };
}

const roleWords = (i: Pick<InviteView, 'role' | 'language'>) =>
  i.language ? `Interpreter, ${languageName(i.language)} channel` : ROLE_LABEL[i.role];

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
  const [language, setLanguage] = useState<LanguageChoice>(NO_LANGUAGE);
  const [error, setError] = useState<Refusal | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    void callApi<InviteView[]>(`/api/sessions/${sessionId}/invites`).then(setInvites);
  }, [sessionId]);
  useEffect(load, [load]);

  const invite = async (e: FormEvent) => {
    e.preventDefault();
    // Only an interpreter's link names a language; the server refuses it on any other (A42).
    const tag = role === 'interpreter' ? languageOf(language) : undefined;
    try {
      await callApi(`/api/sessions/${sessionId}/invites`, {
        method: 'POST',
        body: JSON.stringify({ role, name, ...(tag ? { language: tag } : {}) }),
      });
      setError(null);
      setStatus(`Invited ${name} as ${tag ? `${languageName(tag)} interpreter` : ROLE_LABEL[role]}.`);
      setName('');
      setLanguage(NO_LANGUAGE);
      load();
    } catch (err) {
      setError(refusalOf(err));
      setStatus('');
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
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value as InviteRole);
              setError(null);
            }}
          >
            {INVITE_ROLES.map((r) => (
              <option key={r} value={r}>
                {/* The language field beside it says whether they sign (ASL) or speak a language. */}
                {r === 'interpreter' ? 'Interpreter' : ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Name{' '}
          <input
            value={name}
            aria-invalid={error?.field === 'name' ? true : undefined}
            aria-describedby="invite-error"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {role === 'interpreter' && (
          <InterpreterLanguage
            value={language}
            onChange={setLanguage}
            errorId={error?.field === 'language' ? 'invite-error' : null}
          />
        )}
        <button type="submit" className="button primary">
          Invite
        </button>
      </form>
      <p id="invite-error" className="error" role="alert">
        {error?.message}
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
                <td>{roleWords(i)}</td>
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
