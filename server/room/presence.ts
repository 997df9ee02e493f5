/**
 * Who is connected to each session, by invite id. A person may have several connections (tabs,
 * a reconnect racing the old socket), on several nodes; they are online while one is open.
 */
export interface Presence {
  /** One of the person's connections to this node joined; true when it is their first here. */
  add(sessionId: string, inviteId: string): Promise<boolean>;
  /** One of their connections to this node closed; true when they have none left anywhere. */
  remove(sessionId: string, inviteId: string): Promise<boolean>;
  /** Connections to this node for the session: what this node may forget about it when none. */
  localCount(sessionId: string): number;
  /** Who is connected to the session now, on any node. */
  onlineIds(sessionId: string): Promise<ReadonlySet<string>>;
  /**
   * Which of these people are connected to the session now, on any node: what a room state or a
   * queue needs, without reading the whole audience.
   */
  onlineAmong(sessionId: string, ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** How many people (not connections) are connected to the session now, on any node. */
  onlineCount(sessionId: string): Promise<number>;
}

/** Connections per person per session on this node: the whole truth for the only node. */
export function createLocalCounts() {
  const sessions = new Map<string, Map<string, number>>();
  return {
    /** Returns true when this is the person's first connection here. */
    add(sessionId: string, inviteId: string): boolean {
      const counts = sessions.get(sessionId) ?? new Map<string, number>();
      sessions.set(sessionId, counts);
      const n = (counts.get(inviteId) ?? 0) + 1;
      counts.set(inviteId, n);
      return n === 1;
    },
    /** Returns true when this was the person's last connection here. */
    remove(sessionId: string, inviteId: string): boolean {
      const counts = sessions.get(sessionId);
      const n = (counts?.get(inviteId) ?? 0) - 1;
      if (n > 0) counts?.set(inviteId, n);
      else counts?.delete(inviteId);
      if (counts?.size === 0) sessions.delete(sessionId);
      return n <= 0;
    },
    has: (sessionId: string, inviteId: string) => (sessions.get(sessionId)?.get(inviteId) ?? 0) > 0,
    people: (sessionId: string): ReadonlySet<string> => new Set(sessions.get(sessionId)?.keys()),
    peopleCount: (sessionId: string) => sessions.get(sessionId)?.size ?? 0,
    /** Every (session, person) with a connection here. */
    *entries(): Generator<[string, string]> {
      for (const [sessionId, counts] of sessions)
        for (const inviteId of counts.keys()) yield [sessionId, inviteId];
    },
  };
}

/** Presence for the only node: in memory, since every connection is here. */
export function createPresence(): Presence {
  const here = createLocalCounts();
  return {
    add: (sessionId, inviteId) => Promise.resolve(here.add(sessionId, inviteId)),
    remove: (sessionId, inviteId) => Promise.resolve(here.remove(sessionId, inviteId)),
    localCount: (sessionId) => here.peopleCount(sessionId),
    onlineIds: (sessionId) => Promise.resolve(here.people(sessionId)),
    onlineAmong: (sessionId, ids) => Promise.resolve(new Set(ids.filter((id) => here.has(sessionId, id)))),
    onlineCount: (sessionId) => Promise.resolve(here.peopleCount(sessionId)),
  };
}
