import type { MediaStatus } from './useMediaConnection';

export interface PageMedia {
  /** The public in the lobby: no media yet, by the session's rules (policy A3). */
  inLobby: boolean;
  /** A media token has been asked for and is on its way (the session went live, or media is back). */
  pending: boolean;
}

/**
 * What the page says about its media, on the status line and the tiles. Having no connection is
 * only "unavailable" when none is coming: not in the lobby, and not while a token is on its way.
 */
export function shownMediaStatus(status: MediaStatus, { inLobby, pending }: PageMedia): MediaStatus {
  if (status !== 'off') return status;
  if (inLobby) return 'waiting';
  return pending ? 'connecting' : 'off';
}
