import { z } from 'zod';

// Environment, parsed once per read so tests and the CLI can set it per process.
const limit = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOSTNAME: z.string().min(1).optional(),
  TRUST_PROXY: z.enum(['0', '1', '']).optional(),
  RATE_LIMIT_CHECKS_PER_MINUTE: limit(60),
  RATE_LIMIT_REGISTRATIONS_PER_MINUTE: limit(20),
  RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: limit(1200),
  RATE_LIMIT_SIGNINS_PER_MINUTE: limit(20),
  CORS_ORIGINS: z.string().default(''),
  // Mail (password resets, address verification). Unset SMTP_URL: no mail is sent.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'use smtp://user:pass@host:port or smtps://…')
    .optional()
    .or(z.literal('')),
  EMAIL_FROM: z.string().optional(),
  APP_URL: z.url({ protocol: /^https?$/ }).optional().or(z.literal('')),
  MAX_CONNECTIONS_PER_IP: limit(256),
  // How long a global / company username given up is held (days); 0: not held, free at once.
  USERNAME_HOLD_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  COMPANY_USERNAME_HOLD_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
});

export type Config = {
  port: number;
  hostname: string | undefined;
  trustProxy: boolean;
  rateLimits: { checks: number; registrations: number; tokenChecks: number; signIns: number };
  corsOrigins: string[];
  mail: { smtpUrl: string; from: string } | null;
  /** The public origin written into mailed and printed links (never a request's Host header). */
  appUrl: string;
  /** open connections one client IP may hold; 0: no cap. Behind a trusted proxy there is none. */
  maxConnectionsPerIp: number;
  /** days a released global / company username is held; 0: free at once */
  holdDays: { global: number; company: number };
};

let cached: { env: NodeJS.ProcessEnv; config: Config } | undefined;

/**
 * The process's configuration. Parsed once: the hot paths read it on every request, and the
 * environment does not change while a process runs (tests start a new server to change it).
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (cached?.env === env) return cached.config;
  const config = parseConfig(env);
  if (env === process.env) cached = { env, config };
  return config;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  // A link in a mail must name the site as its readers reach it; a request's Host header is the
  // sender's to choose, so links never come from it. With mail on, the origin must be given.
  if (e.SMTP_URL && !e.APP_URL) throw new Error('Invalid environment: APP_URL: set the public origin (https://…) when SMTP_URL is set');
  const appUrl = e.APP_URL ? new URL(e.APP_URL).origin : `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    hostname: e.HOSTNAME,
    trustProxy: e.TRUST_PROXY === '1',
    rateLimits: {
      checks: e.RATE_LIMIT_CHECKS_PER_MINUTE,
      registrations: e.RATE_LIMIT_REGISTRATIONS_PER_MINUTE,
      tokenChecks: e.RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE,
      signIns: e.RATE_LIMIT_SIGNINS_PER_MINUTE,
    },
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.EMAIL_FROM || `namecheck <no-reply@${new URL(appUrl).hostname}>` } : null,
    appUrl,
    // Behind a trusted proxy every connection comes from the proxy: a cap per IP would cap everyone.
    maxConnectionsPerIp: e.TRUST_PROXY === '1' ? 0 : e.MAX_CONNECTIONS_PER_IP,
    holdDays: { global: e.USERNAME_HOLD_DAYS, company: e.COMPANY_USERNAME_HOLD_DAYS },
  };
}
