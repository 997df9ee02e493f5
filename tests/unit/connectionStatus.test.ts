import { describe, expect, it } from 'vitest';
import {
  connectionTrouble,
  isDrop,
  STATUS_TEXT,
  type SocketSide,
} from '../../client/src/room/useConnectionStatus';

const ok: SocketSide = { joined: true, connected: true, closed: false, lost: null };

describe('the status line says why the room cannot be reached, and that it comes back by itself', () => {
  it.each<[string, SocketSide, string | null]>([
    [
      'the server said it is restarting',
      { ...ok, connected: false, lost: 'restarting' },
      STATUS_TEXT.restarting,
    ],
    [
      'the connection dropped for no reason given',
      { ...ok, connected: false, lost: 'network' },
      STATUS_TEXT.reconnecting,
    ],
    ['a drop not yet explained is a network drop', { ...ok, connected: false }, STATUS_TEXT.reconnecting],
    [
      'the connection dropped with the device offline',
      { ...ok, connected: false, lost: 'offline' },
      STATUS_TEXT.offline,
    ],
    // A closed connection does not come back: no "reconnecting" wording for it.
    ['the server closed it for good', { ...ok, connected: false, closed: true }, STATUS_TEXT.closed],
  ])('%s', (_case, socket, expected) => {
    expect(connectionTrouble(socket, 'connected')).toBe(expected);
  });

  it('names the restart and the offline device in words', () => {
    expect(STATUS_TEXT.restarting).toBe('The server is restarting: reconnecting to the room…');
    expect(STATUS_TEXT.offline).toBe('This device is offline: the room reconnects when the network is back.');
  });

  it.each([STATUS_TEXT.restarting, STATUS_TEXT.offline, STATUS_TEXT.reconnecting])(
    'coming back after "%s" says "Reconnected"',
    (trouble) => {
      expect(isDrop(trouble)).toBe(true);
    },
  );

  it('coming back after the end is not a reconnection', () => {
    expect(isDrop(STATUS_TEXT.closed)).toBe(false);
  });
});
