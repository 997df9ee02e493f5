// A cluster for tests (scripts/cluster): PostgreSQL, Redis, N nodes of the build and HAProxy, on
// free loopback ports; the organizer API through HAProxy; Socket.IO clients to any address (a node's
// own, or HAProxy's), disconnected when the cluster stops.
import { io as connect, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { startCluster, type Cluster, type ClusterOptions } from '../../scripts/cluster/index.js';
import { PROTOCOL_VERSION, type AckOf } from '../../shared/protocol.js';
import { isRunning } from './appProcess.js';
import { organizerApi, type OrganizerApi } from './organizerApi.js';
import { ask, type TestClient } from './server.js';

export { isRunning, type Cluster };
export { linkToken } from './organizerApi.js';

export interface ClientOptions {
  /** ['websocket'] unless given; ['polling'] is the fallback a browser uses when WebSockets fail. */
  transports?: ('websocket' | 'polling')[];
  /** Keep cookies (HAProxy's SERVERID) between requests, as a browser does. */
  withCredentials?: boolean;
  /** Reconnect after a lost connection, as the room's page does (default true). */
  reconnection?: boolean;
}

export interface TestCluster extends Cluster {
  /** The organizer API through HAProxy. */
  api: OrganizerApi;
  /** A Socket.IO client to `url` (a node's own address, or HAProxy's) with a link's token. */
  client(url: string, token: string, options?: ClientOptions): TestClient;
  /** Connects with the link's token and joins the room; throws with the refusal's message. */
  join(
    url: string,
    token: string,
    options?: ClientOptions,
  ): Promise<{ socket: TestClient; result: AckOf<'room:join'> }>;
}

/** Starts a cluster on free ports (2 nodes, no LiveKit unless told otherwise). */
export async function startTestCluster(options: ClusterOptions = {}): Promise<TestCluster> {
  const cluster = await startCluster({ nodes: 2, livekit: false, ...options });
  const stopCluster = cluster.stop;
  const clients: TestClient[] = [];
  const client = (url: string, token: string, o: ClientOptions = {}): TestClient => {
    const socket: TestClient = connect(url, {
      auth: { token, protocol: PROTOCOL_VERSION },
      transports: o.transports ?? ['websocket'],
      withCredentials: o.withCredentials ?? false,
      reconnection: o.reconnection ?? true,
      forceNew: true,
    } satisfies Partial<ManagerOptions & SocketOptions>);
    clients.push(socket);
    return socket;
  };
  return Object.assign(cluster, {
    api: organizerApi(cluster.url, cluster.organizerToken),
    client,
    async join(url: string, token: string, o: ClientOptions = {}) {
      const socket = client(url, token, o);
      const result = await ask(socket, 'room:join', {});
      if (!result.ok) throw new Error(`room:join through ${url}: ${result.message}`);
      return { socket, result };
    },
    async stop(opts?: { keepDir?: boolean }) {
      for (const socket of clients) socket.disconnect();
      await stopCluster(opts);
    },
  });
}

/** The SERVERID cookie HAProxy sets on a response (the node a client is stuck to), or null. */
export function stickyServer(res: Response): string | null {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('SERVERID='));
  return cookie ? cookie.slice('SERVERID='.length).split(';')[0]! : null;
}
