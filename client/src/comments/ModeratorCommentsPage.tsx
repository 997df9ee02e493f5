import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { InviteRole } from '../../../shared/roles.js';
import type { SessionSummary } from '../../../shared/protocol.js';
import { CommentsModeration } from '../admin/CommentsModeration';
import { ClosedLinkError, fetchInvite } from '../join/fetchInvite';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { PageLayout } from '../pages/PageLayout';
import { linkApi } from './moderationApi';

type Holder = { session: SessionSummary; role: InviteRole } | { problem: string } | null;

/** Whose link this is and of which session: also after the session, when moderators still moderate (A31). */
function useLinkHolder(token: string): Holder {
  const [holder, setHolder] = useState<Holder>(null);
  useEffect(() => {
    let current = true;
    fetchInvite(token).then(
      (invite) => current && setHolder({ session: invite.session, role: invite.role }),
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ClosedLinkError)
          return setHolder({ session: err.link.session, role: err.link.role });
        setHolder({ problem: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [token]);
  return holder;
}

/**
 * /join/:token/comments: a moderator's own page of the session's comments, opened from the room. The
 * link stays where the room keeps it, in the path (never a query, and pages send no Referer); the API
 * is called with it as a Bearer token, and the server decides (A31): another role's link is refused.
 */
export function ModeratorCommentsRoute() {
  const { token = '' } = useParams();
  return <ModeratorCommentsPage key={token} token={token} />;
}

function ModeratorCommentsPage({ token }: { token: string }) {
  const holder = useLinkHolder(token);
  const api = useMemo(() => linkApi(token), [token]);
  const session = holder && 'session' in holder ? holder.session : null;
  useDocumentTitle(session ? `Comments: ${session.title}` : 'Comments');
  if (!holder) {
    return (
      <PageLayout>
        <h1>Comments</h1>
        <p role="status">Checking your link…</p>
      </PageLayout>
    );
  }
  if ('problem' in holder || holder.role !== 'moderator') {
    return (
      <PageLayout>
        <h1>Comments</h1>
        <p role="alert">
          {'problem' in holder ? holder.problem : 'Only the session’s moderators decide on its comments.'}
        </p>
      </PageLayout>
    );
  }
  return (
    <PageLayout>
      <h1>Comments: {holder.session.title}</h1>
      <p>
        Publish each comment, mark it to be read into the record, or reject it with a reason. The commenter is
        told every decision by email.
      </p>
      <CommentsModeration sessionId={holder.session.id} api={api} withSettings={false} />
    </PageLayout>
  );
}
