import nodemailer, { type Transporter } from 'nodemailer';
import { readConfig } from '@/lib/config';

// The one way out for mail (password resets, address verification), through nodemailer over SMTP
// (`SMTP_URL`, `EMAIL_FROM`). Messages carry one-time links: their text is never logged, and a
// failure is logged by its code alone.

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

const holder = globalThis as unknown as { __namecheckMailer?: { url: string; transport: Transporter } };

function transport(smtpUrl: string): Transporter {
  if (holder.__namecheckMailer?.url !== smtpUrl) {
    holder.__namecheckMailer = {
      url: smtpUrl,
      // Bounded waits: a mail server that hangs delays only the mail, never a page (mail is sent
      // after the answer), and a stuck connection is given up.
      transport: nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as object),
    };
  }
  return holder.__namecheckMailer.transport;
}

/** True when mail can be sent (`SMTP_URL` is set). */
export function mailConfigured(): boolean {
  return readConfig().mail !== null;
}

/** Sends one message; rejects when the server refuses it or mail is not configured. */
export async function sendMail(mail: Mail): Promise<void> {
  const config = readConfig().mail;
  if (!config) throw new Error('mail is not configured (SMTP_URL)');
  await transport(config.smtpUrl).sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text });
}

/**
 * Sends one message after the current answer, without making it wait: a page answers in the same
 * time whether or not a mail goes out (the reset form must not say which accounts exist). Failures
 * are logged without the message, which holds a secret link.
 */
export function sendMailLater(mail: Mail): void {
  if (!mailConfigured()) return;
  setImmediate(() => {
    sendMail(mail).catch((error: unknown) => {
      const code = (error as { code?: unknown; responseCode?: unknown } | null) ?? {};
      console.error(`[namecheck] mail not sent: ${String(code.code ?? 'error')} ${String(code.responseCode ?? '')}`.trim());
    });
  });
}
