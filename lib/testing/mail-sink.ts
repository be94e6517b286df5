// An SMTP server in the test's own process (smtp-server) that keeps every message it is sent, so
// tests read the links namecheck mails out of real SMTP traffic. Shared by unit tests and e2e specs.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface MailSink {
  /** `smtp://user:pass@127.0.0.1:<port>`, for SMTP_URL */
  url: string;
  mails: CapturedMail[];
  /** Resolves with the first mail to `to` (from now or earlier) that matches, within `timeoutMs`. */
  waitFor(to: string, match?: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  /** Holds every message this long before accepting it (a slow mail server). */
  delayMs: number;
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}

/** Headers and the (decoded) text body of a plain one-part message, as nodemailer writes it. */
function parse(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
  return { subject: header('Subject'), text: text.replace(/\r\n/g, '\n') };
}

/** The first link on `path` (`/reset/`, `/verify/`) in a mail's text. */
export function linkIn(mail: CapturedMail, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/\//g, '\\/')}[A-Za-z0-9_-]+`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[0];
}

export async function startMailSink(): Promise<MailSink> {
  const mails: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  const sink: Partial<MailSink> = { mails, delayMs: 0 };
  const server = new SMTPServer({
    // Plain SMTP on localhost: no TLS to negotiate, and any user and password are welcome.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const { subject, text } = parse(Buffer.concat(chunks).toString('utf8'));
        const envelope = session.envelope;
        const accept = () => {
          mails.push({ from: envelope.mailFrom ? envelope.mailFrom.address : '', to: envelope.rcptTo.map((r) => r.address), subject, text });
          for (const wake of waiters) wake();
          callback();
        };
        if (sink.delayMs) setTimeout(accept, sink.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://namecheck:sink-password@127.0.0.1:${port}`,
    waitFor(to: string, match: (mail: CapturedMail) => boolean = () => true, timeoutMs = 10_000) {
      const find = () => mails.find((m) => m.to.some((address) => address.toLowerCase() === to.toLowerCase()) && match(m));
      return new Promise<CapturedMail>((resolve, reject) => {
        const found = find();
        if (found) return resolve(found);
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no mail to ${to} within ${timeoutMs} ms (${mails.length} mails: ${mails.map((m) => m.to.join(',')).join('; ')})`));
        }, timeoutMs);
        const check = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(mail);
        };
        waiters.add(check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as MailSink;
}
