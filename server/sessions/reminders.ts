import type { Logger } from 'pino';
import type { RegistrationRepo } from '../store/registrationRepo.js';
import type { Repo } from '../store/repo.js';
import type { RegistrationMail } from './mail.js';

export interface ReminderDeps {
  repo: Repo;
  registrations: RegistrationRepo;
  mail: RegistrationMail;
  now: () => Date;
  /** How long before the start a reminder goes out; 0 sends none. */
  windowMs: number;
  log: Logger;
}

/**
 * R12: one reminder per registered person, for sessions that start within the window. A reminder
 * is marked sent only once the mail server took it, so a failed one is tried again on the next run.
 */
export function createReminders(deps: ReminderDeps) {
  let running = false;

  async function run(): Promise<number> {
    if (deps.windowMs <= 0 || running) return 0;
    running = true;
    try {
      const now = deps.now().getTime();
      const soon = (await deps.repo.listSessions()).filter((s) => {
        const start = Date.parse(s.starts_at);
        return (
          (s.status === 'scheduled' || s.status === 'lobby') && start > now && start - now <= deps.windowMs
        );
      });
      let sent = 0;
      for (const r of await deps.registrations.unreminded(soon.map((s) => s.id))) {
        const session = soon.find((s) => s.id === r.session_id)!;
        // Claimed first: with several nodes, each runs this, and one of them sends.
        if (!(await deps.registrations.markReminded(r.id, deps.now()))) continue;
        if (!(await deps.mail.send('reminder', session, r))) {
          await deps.registrations.unmarkReminded(r.id);
          continue;
        }
        sent++;
      }
      return sent;
    } finally {
      running = false;
    }
  }

  return {
    run,
    /** Runs every `everyMs` until stopped; a failed run is logged and the next one tries again. */
    start(everyMs: number): () => void {
      const timer = setInterval(() => {
        run().catch((err: unknown) => deps.log.warn({ err }, 'sending reminders failed'));
      }, everyMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
