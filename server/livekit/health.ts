import type { Logger } from 'pino';

/** How often the media server is asked whether it answers. */
export const MEDIA_PROBE_INTERVAL_MS = 2_000;
/** How long one probe waits: a server that accepts connections and never answers counts as down. */
export const MEDIA_PROBE_TIMEOUT_MS = 1_500;

export interface MediaHealth {
  /** The last probe's verdict; true until the first probe has answered otherwise. */
  available(): boolean;
  /** Why the media server counts as down (for the log and the readiness check), or null. */
  problem(): string | null;
  /** Probes once now; resolves with the verdict. */
  probe(): Promise<boolean>;
  /** Calls `listener` on every change of the verdict. */
  onChange(listener: (available: boolean) => void): void;
  /** Starts probing every `intervalMs`; returns the function that stops it. */
  start(intervalMs?: number): () => void;
}

function describe(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return 'no answer within the time-out';
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return err instanceof Error ? err.message : String(err);
}

/**
 * The media server's health as OpenFloor sees it: LiveKit answers `GET /` with 200 when it serves.
 * The verdict is logged when it changes (warn when media goes down, info when it is back), so the
 * operator reads it at start and at every change.
 */
export function createMediaHealth(
  mediaUrl: string,
  log: Logger,
  timeoutMs = MEDIA_PROBE_TIMEOUT_MS,
): MediaHealth {
  const httpUrl = mediaUrl.replace(/^ws/, 'http');
  const listeners: ((available: boolean) => void)[] = [];
  let problem: string | null = null;
  let probed = false;

  async function probe(): Promise<boolean> {
    let found: string | null = null;
    try {
      const res = await fetch(httpUrl, { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      if (!res.ok) found = `it answered ${res.status}`;
    } catch (err) {
      found = describe(err);
    }
    const changed = !probed || (found === null) !== (problem === null);
    problem = found;
    probed = true;
    if (changed) {
      if (found === null) log.info(`The media server at ${mediaUrl} answers: audio and video are available.`);
      else
        log.warn(
          `The media server at ${mediaUrl} does not answer (${found}): audio and video are unavailable ` +
            'until it does; sessions, the queue and captions keep working.',
        );
      for (const listener of listeners) listener(found === null);
    }
    return found === null;
  }

  return {
    available: () => problem === null,
    problem: () => problem,
    probe,
    onChange: (listener) => void listeners.push(listener),
    start(intervalMs = MEDIA_PROBE_INTERVAL_MS) {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const loop = async () => {
        await probe();
        if (!stopped) timer = setTimeout(() => void loop(), intervalMs).unref();
      };
      timer = setTimeout(() => void loop(), intervalMs).unref();
      return () => {
        stopped = true;
        clearTimeout(timer);
      };
    },
  };
}
