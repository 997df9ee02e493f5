import { useCallback, useEffect, useState } from 'react';
import {
  AFFILIATIONS,
  REGISTRATION_STATUS_LABEL,
  type RegistrationStatus,
  type RequestedAccommodations,
} from '../../../shared/sessions.js';
import { callApi } from '../public/api';
import { TableScroll } from './TableScroll';

interface RegistrationView {
  id: string;
  order: number;
  status: RegistrationStatus;
  name: string;
  email: string;
  organization: string;
  affiliation: keyof typeof AFFILIATIONS;
  wishToSpeak: boolean;
  topic: string;
  accommodations: RequestedAccommodations;
}

function needs(a: RequestedAccommodations): string {
  const parts = [
    a.asl && 'ASL',
    a.cart && 'CART',
    a.captionLanguage && `captions in ${a.captionLanguage}`,
    a.other,
  ];
  return parts.filter(Boolean).join('; ') || 'None';
}

/** Registrations with their accommodation requests, the CSV, and moving people off the waitlist. */
export function Registrations({ sessionId }: { sessionId: string }) {
  const [list, setList] = useState<RegistrationView[]>([]);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    void callApi<RegistrationView[]>(`/api/sessions/${sessionId}/registrations`).then(setList);
  }, [sessionId]);
  useEffect(load, [load]);

  const promote = async (r: RegistrationView) => {
    await callApi(`/api/sessions/${sessionId}/registrations/${r.id}/promote`, { method: 'POST', body: '{}' });
    setStatus(`${r.name} is registered.`);
    load();
  };

  return (
    <section aria-labelledby="registrations-heading">
      <h2 id="registrations-heading">Registrations ({list.length})</h2>
      <p>
        <a href={`/api/sessions/${sessionId}/registrations.csv`} download>
          Download registrations (CSV)
        </a>
      </p>
      <p role="status">{status}</p>
      {list.length > 0 && (
        <TableScroll label="Registrations in order">
          <table>
            <caption>Registrations in order</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Organization</th>
                <th scope="col">Affiliation</th>
                <th scope="col">Wishes to speak</th>
                <th scope="col">Accommodations</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <td>{r.order}</td>
                  <td>{r.name}</td>
                  <td>{r.email}</td>
                  <td>{r.organization}</td>
                  <td>{AFFILIATIONS[r.affiliation]}</td>
                  <td>{r.wishToSpeak ? `Yes${r.topic ? `: ${r.topic}` : ''}` : 'No'}</td>
                  <td>{needs(r.accommodations)}</td>
                  <td>
                    {REGISTRATION_STATUS_LABEL[r.status]}
                    {r.status === 'waitlisted' && (
                      <button type="button" className="button" onClick={() => void promote(r)}>
                        Move {r.name} off the waitlist
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
