/**
 * The moderator's way from the room to the session's comments (A31): their own page, in a new tab so
 * the room stays open. The link rides in the path, as the room's does.
 */
export function ModeratorCommentsLink({ token }: { token: string }) {
  return (
    <p>
      <a href={`/join/${encodeURIComponent(token)}/comments`} target="_blank" rel="noreferrer">
        Comments from the public (opens in a new tab)
      </a>
    </p>
  );
}
