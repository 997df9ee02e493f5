import { pino, type DestinationStream, type Logger } from 'pino';

/** pino's number for the error level: a record at or above it is something to act on. */
export const ERROR_LEVEL = 50;

/** How many records were logged at error level or above since start: the fuzz suite asserts none. */
export const logCounts = { errors: 0 };

// Standard output, as pino's default; swapped only by captureLogs so tests can read what is logged.
let destination: DestinationStream = pino.destination({ dest: 1, sync: false });
const root = pino(
  {
    level: process.env.LOG_LEVEL ?? 'info',
    base: undefined,
    hooks: {
      logMethod(args, method, level) {
        if (level >= ERROR_LEVEL) logCounts.errors++;
        method.apply(this, args);
      },
    },
  },
  { write: (line: string) => destination.write(line) },
);

/** A named logger for one part of the server (`config`, `livekit`, `api`, ...). */
export function createLogger(name: string): Logger {
  return root.child({ name });
}

/**
 * Test hook: hands each log record (parsed) to `sink` instead of standard output, until the
 * returned function is called. Records below LOG_LEVEL are not produced at all.
 */
export function captureLogs(sink: (record: { level: number; msg?: string; err?: unknown }) => void) {
  const previous = destination;
  destination = { write: (line: string) => sink(JSON.parse(line) as { level: number }) };
  return () => {
    destination = previous;
  };
}
