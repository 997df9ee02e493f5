/** Which invites have at least one connected socket, per session. In memory: presence is live state. */
export function createPresence() {
  const sessions = new Map<string, Map<string, number>>();
  return {
    /** Returns true when this is the person's first connection (they came online). */
    add(sessionId: string, inviteId: string): boolean {
      const counts = sessions.get(sessionId) ?? new Map<string, number>();
      sessions.set(sessionId, counts);
      const n = (counts.get(inviteId) ?? 0) + 1;
      counts.set(inviteId, n);
      return n === 1;
    },
    /** Returns true when this was the person's last connection (they went offline). */
    remove(sessionId: string, inviteId: string): boolean {
      const counts = sessions.get(sessionId);
      const n = (counts?.get(inviteId) ?? 0) - 1;
      if (n > 0) counts?.set(inviteId, n);
      else counts?.delete(inviteId);
      if (counts?.size === 0) sessions.delete(sessionId);
      return n <= 0;
    },
    /** How many people (not sockets) are connected to the session. */
    onlineCount(sessionId: string): number {
      return sessions.get(sessionId)?.size ?? 0;
    },
    /** Who is connected to the session now, by invite id. */
    onlineIds(sessionId: string): ReadonlySet<string> {
      return new Set(sessions.get(sessionId)?.keys());
    },
    isOnline(sessionId: string, inviteId: string): boolean {
      return (sessions.get(sessionId)?.get(inviteId) ?? 0) > 0;
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
