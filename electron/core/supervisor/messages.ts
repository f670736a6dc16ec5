import type { TlsChoice } from '../cli/command-line.js';

/**
 * What the supervisor hands the core child over the fork IPC channel. Secrets (the admin's
 * first-start password, the desktop keychain's vault key) travel here and never in argv or the
 * environment, which other local users can read (`/proc/PID/cmdline`, `/proc/PID/environ` of
 * their own processes' children aside, `ps e` on some systems).
 */
export interface CoreChildConfig {
  siteDir: string;
  dataDir: string;
  host: string;
  /** After the first start, the port the first core bound (so `--port 0` keeps one address). */
  port: number;
  mqttUrl?: string;
  simulate: boolean;
  /** The demo simulator plays its incident schedule (`--no-incidents`: false). */
  incidents: boolean;
  hj212Port?: number;
  hj212Host?: string;
  staticRoot: string;
  tls: TlsChoice;
  wallOrigins: string[];
  adminPassword?: string;
  /** Base64 32-byte key that seals camera passwords, from the desktop keychain; absent: the key file. */
  vaultKey?: string;
}

export type SupervisorToCore = { type: 'start'; config: CoreChildConfig } | { type: 'stop' };

/** What the console's address and certificate are, once the core listens. */
export interface CoreListening {
  url: string;
  port: number;
  bootId: string;
  pid: number;
  fingerprint?: string;
  selfSigned?: boolean;
  /** Site-file problems, one line each, for the operator at start. */
  problems: string[];
}

export type CoreToSupervisor =
  | ({ type: 'listening' } & CoreListening)
  /** A line for the person at the console, never the log (the first-start admin password). */
  | { type: 'announce'; line: string }
  /** A start-up problem a restart cannot fix (port in use, data folder, TLS files): the operator must act. */
  | { type: 'fatal'; message: string };

export function isCoreMessage(value: unknown): value is CoreToSupervisor {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'listening' || type === 'announce' || type === 'fatal';
}

export function isSupervisorMessage(value: unknown): value is SupervisorToCore {
  const v = value as { type?: unknown; config?: unknown } | null;
  return v?.type === 'stop' || (v?.type === 'start' && typeof v.config === 'object' && v.config !== null);
}
