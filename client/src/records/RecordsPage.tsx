import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { RecordListing, RecordsPage as RecordsPageBody } from '../../../shared/records.js';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { callApi } from '../public/api';
import { describeHeld } from './when';

const PAGE_SIZE = 20;

const fetchPage = (offset: number) =>
  callApi<RecordsPageBody>(`/api/public/records?limit=${PAGE_SIZE}&offset=${offset}`);

/** /records: the published records of past sessions, newest first, each with its date and zone. */
export function RecordsPage() {
  useDocumentTitle('Records of past sessions');
  const [records, setRecords] = useState<RecordListing[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const show = useCallback((page: RecordsPageBody, offset: number) => {
    setRecords((shown) => [...(offset === 0 ? [] : (shown ?? [])), ...page.records]);
    setTotal(page.total);
    setError(null);
  }, []);
  const fail = (err: unknown) => setError(err instanceof Error ? err.message : String(err));

  useEffect(() => {
    let current = true;
    fetchPage(0).then(
      (page) => current && show(page, 0),
      (err: unknown) => current && fail(err),
    );
    return () => {
      current = false;
    };
  }, [show]);

  // Focus goes to the first record added, so keyboard and screen reader users read on from there
  // (and the button, gone after the last page, does not take focus with it).
  const more = (offset: number) => {
    setLoading(true);
    fetchPage(offset)
      .then((page) => {
        show(page, offset);
        const first = page.records[0];
        if (first) requestAnimationFrame(() => document.getElementById(`record-link-${first.id}`)?.focus());
      }, fail)
      .finally(() => setLoading(false));
  };

  return (
    <PageLayout>
      <h1>Records of past sessions</h1>
      <p>
        After a session, its organizers publish the record: the speakers in order, the written remarks and the
        full transcript. For sessions still to come, see the <Link to="/sessions">upcoming sessions</Link>.
      </p>
      {error && <p role="alert">{error}</p>}
      {!records && !error && <p role="status">Loading the records…</p>}
      {records?.length === 0 && <p>No record has been published yet.</p>}
      {records && records.length > 0 && (
        <>
          <p role="status">
            {records.length} of {total} {total === 1 ? 'record' : 'records'} shown, newest first.
          </p>
          <ul className="session-list">
            {records.map((r) => (
              <li key={r.id}>
                <article aria-labelledby={`record-${r.id}`}>
                  <h2 id={`record-${r.id}`}>
                    <Link id={`record-link-${r.id}`} to={`/records/${r.id}`}>
                      {r.title}
                    </Link>
                  </h2>
                  <p>Held {describeHeld(r)}.</p>
                  {r.focus && <p>Focus: {r.focus}</p>}
                </article>
              </li>
            ))}
          </ul>
          {records.length < total && (
            <button type="button" className="button" disabled={loading} onClick={() => more(records.length)}>
              Show older records
            </button>
          )}
        </>
      )}
    </PageLayout>
  );
}
