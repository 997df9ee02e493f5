/**
 * The moderator's way to the session's comments (A31): their own page, in a new tab so the room
 * stays open. The link rides in the path, as the room's does. `inline`: a short "Comments" among
 * the room's session buttons, where a line more would push the queue out of view; its accessible
 * name is the whole of it.
 */
export function ModeratorCommentsLink({ token, inline = false }: { token: string; inline?: boolean }) {
  const link = (
    <a
      href={`/join/${encodeURIComponent(token)}/comments`}
      target="_blank"
      rel="noreferrer"
      className={inline ? 'button' : undefined}
    >
      {inline ? (
        <>
          Comments<span className="visually-hidden"> from the public (opens in a new tab)</span>
          <span aria-hidden="true">{'\u00a0↗'}</span>
        </>
      ) : (
        'Comments from the public (opens in a new tab)'
      )}
    </a>
  );
  return inline ? link : <p>{link}</p>;
}
