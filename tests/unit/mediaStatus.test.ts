import { describe, expect, it } from 'vitest';
import type { CameraInfo } from '../../client/src/room/publish';
import { shownMediaStatus } from '../../client/src/room/mediaStatus';
import { mediaView, TILE_TEXT, type Presence } from '../../client/src/room/slotView';
import {
  connectionTrouble,
  isDrop,
  STATUS_TEXT,
  type SocketSide,
} from '../../client/src/room/useConnectionStatus';
import type { MediaStatus } from '../../client/src/room/useMediaConnection';

const ok: SocketSide = { joined: true, connected: true, closed: false };

describe('the status line', () => {
  it.each<[string, SocketSide, MediaStatus, string | null]>([
    ['a closed connection says so, whatever media does', { ...ok, closed: true }, 'down', STATUS_TEXT.closed],
    ['before the join', { ...ok, joined: false }, 'connecting', STATUS_TEXT.connecting],
    // Without the room's connection nothing is known about media, not even the server's word.
    [
      'the room connection drops while media is down',
      { ...ok, connected: false },
      'down',
      STATUS_TEXT.reconnecting,
    ],
    ['the server says the media server is down', ok, 'down', STATUS_TEXT.mediaDown],
    // LiveKit notices its own drop first; the server's word replaces it when it comes.
    ['this page reconnects its media', ok, 'reconnecting', STATUS_TEXT.reconnectingMedia],
    ['media gave up, the server says it answers', ok, 'unavailable', STATUS_TEXT.mediaUnavailable],
    ['no media and none coming', ok, 'off', STATUS_TEXT.mediaUnavailable],
    ['media on its way', ok, 'connecting', STATUS_TEXT.connectingMedia],
    ['all well', ok, 'connected', null],
    ['the public in the lobby: nothing is wrong', ok, 'waiting', null],
  ])('%s', (_case, socket, media, expected) => {
    expect(connectionTrouble(socket, media)).toBe(expected);
  });

  it('says it in words for the person, naming what still works', () => {
    expect(STATUS_TEXT.mediaDown).toBe(
      'Audio and video are down: the media server is not answering. Captions and the queue keep working.',
    );
  });

  it.each<[string | null, boolean]>([
    [STATUS_TEXT.mediaDown, true],
    [STATUS_TEXT.reconnecting, true],
    [STATUS_TEXT.reconnectingMedia, true],
    [STATUS_TEXT.mediaUnavailable, true],
    // Still arriving is not a drop: the first success says "Connected".
    [STATUS_TEXT.connecting, false],
    [STATUS_TEXT.connectingMedia, false],
    [null, false],
  ])('after "%s", coming back says "Reconnected": %s', (trouble, drop) => {
    expect(isDrop(trouble)).toBe(drop);
  });
});

describe("the page's media status", () => {
  it.each<[MediaStatus, { inLobby: boolean; pending: boolean }, MediaStatus]>([
    ['off', { inLobby: true, pending: false }, 'waiting'],
    // Joined while media was down, or the session just went live: a token is coming.
    ['off', { inLobby: false, pending: true }, 'connecting'],
    ['off', { inLobby: false, pending: false }, 'off'],
    ['down', { inLobby: true, pending: false }, 'down'],
    ['down', { inLobby: false, pending: true }, 'down'],
    ['connected', { inLobby: false, pending: true }, 'connected'],
    ['reconnecting', { inLobby: false, pending: false }, 'reconnecting'],
  ])('%s with %o is shown as %s', (status, page, expected) => {
    expect(shownMediaStatus(status, page)).toBe(expected);
  });
});

describe('what a tile shows', () => {
  const camera = (live: boolean, muted = false): CameraInfo => ({ publication: undefined, live, muted });
  it.each<[string, MediaStatus, CameraInfo, boolean, string | null, Presence]>([
    // What is on screen while the media server is down is a frozen frame: it is not shown.
    ['media server down, a frame on screen', 'down', camera(true), true, TILE_TEXT.mediaDown, 'here'],
    ['media server down, camera off', 'down', camera(false, true), true, TILE_TEXT.mediaDown, 'here'],
    ['this page reconnecting', 'reconnecting', camera(true), true, TILE_TEXT.reconnecting, 'here'],
    ['this page connecting', 'connecting', camera(false), false, TILE_TEXT.connecting, 'here'],
    ['this page gave up', 'unavailable', camera(false), true, TILE_TEXT.unavailable, 'here'],
    ['no media for this page', 'off', camera(false), false, TILE_TEXT.unavailable, 'here'],
    ['camera off on purpose', 'connected', camera(false, true), true, TILE_TEXT.cameraOff, 'here'],
    ['video playing', 'connected', camera(true), true, null, 'here'],
    ['their video went away', 'connected', camera(false), true, TILE_TEXT.reconnecting, 'away'],
    ['their video not here yet', 'connected', camera(false), false, TILE_TEXT.connecting, 'unknown'],
  ])('%s', (_case, media, cam, seen, status, presence) => {
    expect(mediaView(media, cam, seen)).toEqual({ status, presence });
  });
});
