import { pino, type Logger } from 'pino';

const ERROR_LEVEL = 50;

/** How many records were logged at error level or above since start: the fuzz suite asserts none. */
export const logCounts = { errors: 0 };

const root = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  hooks: {
    logMethod(args, method, level) {
      if (level >= ERROR_LEVEL) logCounts.errors++;
      method.apply(this, args);
    },
  },
});

/** A named logger for one part of the server (`config`, `livekit`, `api`, ...). */
export function createLogger(name: string): Logger {
  return root.child({ name });
}
