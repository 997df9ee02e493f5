// What the LiveKit nodes of a local cluster (scripts/cluster) say about themselves: each node's id,
// which node hosts a room, and each node's own server API, for tests that kill one of them.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import type { LiveKitNode } from '../../scripts/cluster/index.js';

/** LiveKit's Redis hash of room name to the id of the node that hosts it (pkg/routing/redisrouter.go). */
const ROOM_NODE_MAP = 'room_node_map';

/** The node's id, from its log's last start line ("starting LiveKit server", nodeID "ND_..."). */
export function liveKitNodeId(node: LiveKitNode): string {
  const starts = readFileSync(node.logPath, 'utf8')
    .split('\n')
    .filter((line) => line.includes('starting LiveKit server'));
  const id = /"nodeID": "(ND_\w+)"/.exec(starts.at(-1) ?? '')?.[1];
  if (!id) throw new Error(`${node.name} has not logged its node id yet (${node.logPath}).`);
  return id;
}

/** The node that hosts `room` as LiveKit's own registry says, or null when it names none of them. */
export async function roomHost(redisUrl: string, nodes: LiveKitNode[], room: string) {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const id = await redis.hget(ROOM_NODE_MAP, room);
    return nodes.find((node) => liveKitNodeId(node) === id) ?? null;
  } finally {
    redis.disconnect();
  }
}

export interface MediaParticipant {
  /** LiveKit's id of this connection: a new one each time the person joins the room again. */
  sid: string;
  canPublish: boolean;
  canSubscribe: boolean;
  /** Each published source and whether it is muted: { CAMERA: false, MICROPHONE: true }. */
  tracks: Record<string, boolean>;
}

/**
 * What LiveKit says of a participant: their grant and their tracks. LiveKit's server API answers
 * this from the store its nodes share in Redis, which the node hosting the room keeps up to date;
 * a node that died leaves its last word there, so compare `sid` to tell a rejoin from that.
 */
export async function participantOn(
  rooms: RoomServiceClient,
  room: string,
  identity: string,
): Promise<MediaParticipant | null> {
  const p = await rooms.getParticipant(room, identity).catch(() => null);
  if (!p) return null;
  return {
    sid: p.sid,
    canPublish: p.permission?.canPublish ?? false,
    canSubscribe: p.permission?.canSubscribe ?? false,
    tracks: Object.fromEntries(p.tracks.map((t) => [TrackSource[t.source], t.muted])),
  };
}

/** A LiveKit server API at `url`: one node's own (http://127.0.0.1:PORT), or the proxy's. */
export const liveKitApi = (url: string, apiKey: string, apiSecret: string) =>
  new RoomServiceClient(url.replace(/^ws/, 'http'), apiKey, apiSecret, { requestTimeout: 3 });
