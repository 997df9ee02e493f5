import { pino, type Logger } from 'pino';

const root = pino({ level: process.env.LOG_LEVEL ?? 'info', base: undefined });

/** A named logger for one part of the server (`config`, `livekit`, `api`, ...). */
export function createLogger(name: string): Logger {
  return root.child({ name });
}
