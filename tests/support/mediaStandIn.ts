import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface MediaCall {
  method: string;
  body: Record<string, unknown>;
}

export interface MediaStandIn {
  /** ws:// address, as LIVEKIT_URL would be. */
  url: string;
  /** `answer`: like LiveKit (GET / says OK, the server API answers); `hang`: accepts and never answers. */
  mode: 'answer' | 'hang';
  /** Server API calls answered, in order (method name and JSON body). */
  calls: MediaCall[];
  /** Server API calls received while hanging. */
  hung: number;
  close(): Promise<void>;
}

/**
 * A stand-in for LiveKit's HTTP side, for faults a real server cannot be made to show on demand: it
 * accepts connections and then never answers (a hung media server), or answers the health probe and
 * the Twirp server API (`POST /twirp/livekit.RoomService/<Method>`, JSON) with success.
 */
export async function startMediaStandIn(mode: MediaStandIn['mode'] = 'answer'): Promise<MediaStandIn> {
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (standIn.mode === 'hang') {
      if (req.method === 'POST') standIn.hung += 1;
      return; // never answered
    }
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const twirp = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && req.url === '/') return void res.end('OK');
      if (req.method !== 'POST' || !twirp) return void res.writeHead(404).end();
      standIn.calls.push({ method: twirp[1]!, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const standIn: MediaStandIn = {
    url: `ws://127.0.0.1:${port}`,
    mode,
    calls: [],
    hung: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return standIn;
}
