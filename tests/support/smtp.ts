import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  /** The envelope's recipients, as the server was told them (RCPT TO). */
  to: string[];
  mail: ParsedMail;
}

export interface TestSmtp {
  url: string;
  messages: Received[];
  /** Resolves with the first message (received or still to come) that satisfies the predicate. */
  next(predicate: (m: Received) => boolean, timeoutMs?: number): Promise<Received>;
  /** Makes the server refuse every message from now on, as a mail server that is down would. */
  refuseAll(): void;
  stop(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1, port 0, keeping every message it accepts, parsed. */
export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: Received[] = [];
  const waiters = new Set<() => void>();
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      if (refusing) {
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })),
        );
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          messages.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          for (const wake of waiters) wake();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `No such message within ${timeoutMs} ms; got: ${messages.map((m) => m.mail.subject).join(' | ')}`,
            ),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    refuseAll: () => void (refusing = true),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
