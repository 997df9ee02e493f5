import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SessionStatus } from '../../../shared/sessions.js';
import './manage.css';

interface JoinLinkProps {
  joinUrl: string;
  calendarUrl: string;
  status: SessionStatus;
}

/**
 * The registrant's personal link as things to do, not a long address to select by hand: join
 * ("Join now" while the room is open), copy the link (announced), add the session to a calendar.
 */
export function JoinLink({ joinUrl, calendarUrl, status }: JoinLinkProps) {
  const open = status === 'lobby' || status === 'live';
  const [said, setSaid] = useState('');
  const [showLink, setShowLink] = useState(false);
  const shown = useRef<HTMLInputElement>(null);

  // Cleared first, so that a second copy is announced again.
  const say = (text: string) => {
    setSaid('');
    requestAnimationFrame(() => setSaid(text));
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(joinUrl);
      say('Link copied');
    } catch {
      // No clipboard (a page not served over HTTPS, or permission refused): show the link to copy.
      setShowLink(true);
      say('Copying did not work here. The link is shown below, selected: copy it with your keyboard.');
      requestAnimationFrame(() => shown.current?.select());
    }
  };

  return (
    <section aria-labelledby="join-heading" className="join-link">
      <h2 id="join-heading">Your link to join</h2>
      <p>
        {open
          ? 'The room is open now.'
          : 'Until the session starts, the link takes you to a waiting room that says when it begins.'}{' '}
        The link is only for you: whoever opens it joins under your name.
      </p>
      <div className="button-row">
        <Link className="button primary" to={new URL(joinUrl).pathname}>
          {open ? 'Join now' : 'Join'}
        </Link>
        <button type="button" className="button" onClick={() => void copy()}>
          Copy link
        </button>
      </div>
      <p role="status">{said}</p>
      {showLink && (
        <div className="field">
          <label htmlFor="join-url">Your personal link</label>
          <input id="join-url" ref={shown} readOnly value={joinUrl} />
        </div>
      )}
      <p>
        <a href={new URL(calendarUrl).pathname} download>
          Add to your calendar (.ics file)
        </a>
      </p>
    </section>
  );
}
