// LiveKit in distributed mode on one machine: several livekit-server nodes that share one Redis
// (their `redis:` section), each with its own signal port, RTC TCP port and UDP port range, all on
// loopback. A room lives on one node; any node's API reaches it through Redis.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLiveKitBinary } from '../../server/livekit/binary.js';
import { startService, type Service } from './service.js';

/** UDP ports each node gets for media, from `udpPortsFrom` on. */
const UDP_PORTS_PER_NODE = 100;

export interface LiveKitNodesOptions {
  count: number;
  redisPort: number;
  apiKey: string;
  /** At least 32 characters (LiveKit refuses shorter secrets). */
  apiSecret: string;
  /** Each node's signal port; its RTC TCP port is the next one. */
  ports: number[];
  /** The first UDP port of node 1's range; node 2's range follows, and so on. */
  udpPortsFrom: number;
  /** Where the nodes post room and participant events (OpenFloor's /api/livekit/webhook). */
  webhookUrl?: string;
  /** The folder for each node's config and log. */
  dir: string;
}

export interface LiveKitNode extends Service {
  port: number;
  /** ws://127.0.0.1:PORT, for browsers and the server SDK. */
  url: string;
  configPath: string;
}

export interface LiveKitNodeSettings {
  port: number;
  redisPort: number;
  apiKey: string;
  apiSecret: string;
  udpPorts: [number, number];
  webhookUrl?: string;
}

/** One node's configuration: loopback only, as server/livekit/localServer.ts configures its child. */
export function liveKitNodeConfig(s: LiveKitNodeSettings): string {
  const lines = [
    `port: ${s.port}`,
    'bind_addresses: ["127.0.0.1"]',
    'keys:',
    `  ${s.apiKey}: ${s.apiSecret}`,
    // What makes it one node of several: they find each other, and each other's rooms, here.
    'redis:',
    `  address: 127.0.0.1:${s.redisPort}`,
    'rtc:',
    '  node_ip: 127.0.0.1',
    '  use_external_ip: false',
    '  enable_loopback_candidate: true',
    `  tcp_port: ${s.port + 1}`,
    `  port_range_start: ${s.udpPorts[0]}`,
    `  port_range_end: ${s.udpPorts[1]}`,
  ];
  if (s.webhookUrl) {
    lines.push('webhook:', `  api_key: ${s.apiKey}`, '  urls:', `    - ${s.webhookUrl}`);
  }
  lines.push('logging:', '  level: info', '');
  return lines.join('\n');
}

/** Starts the nodes one after the other; resolves once each answers HTTP on its signal port. */
export async function startLiveKitNodes(o: LiveKitNodesOptions): Promise<LiveKitNode[]> {
  if (o.ports.length !== o.count) throw new Error(`${o.count} LiveKit nodes need ${o.count} ports.`);
  const binary = ensureLiveKitBinary((line) => process.stderr.write(`${line}\n`));
  if (!binary) throw new Error('No livekit-server (see above for the ways to get one).');
  const nodes: LiveKitNode[] = [];
  try {
    for (const [i, port] of o.ports.entries()) {
      const first = o.udpPortsFrom + i * UDP_PORTS_PER_NODE;
      const configPath = join(o.dir, `livekit-${i + 1}.yaml`);
      const config = { ...o, port, udpPorts: [first, first + UDP_PORTS_PER_NODE - 1] as [number, number] };
      writeFileSync(configPath, liveKitNodeConfig(config), { mode: 0o600 });
      const service = await startService({
        name: `livekit node ${i + 1} on ${port}`,
        argv: [binary, '--config', configPath],
        cwd: o.dir,
        logPath: join(o.dir, `livekit-${i + 1}.log`),
        ready: async () => (await fetch(`http://127.0.0.1:${port}/`)).ok,
      });
      nodes.push(Object.assign(service, { port, url: `ws://127.0.0.1:${port}`, configPath }));
    }
  } catch (err) {
    for (const node of nodes.reverse()) await node.stop();
    throw err;
  }
  return nodes;
}
