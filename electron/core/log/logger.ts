import { RotatingFile } from './rotating-file.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;

/** Structured logger: JSON lines to a rotating file, a short human line to the console. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  file?: RotatingFile;
  consoleLevel?: LogLevel;
  fileLevel?: LogLevel;
  /** Where console lines go; stderr so that stdout stays for the one "listening" line. */
  consoleWrite?: (line: string) => void;
}

export function createLogger(options: LoggerOptions, scope = 'core'): Logger {
  const consoleRank = LEVEL_RANK[options.consoleLevel ?? 'info'];
  const fileRank = LEVEL_RANK[options.fileLevel ?? 'debug'];
  const consoleWrite = options.consoleWrite ?? ((line: string) => process.stderr.write(line));

  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    const rank = LEVEL_RANK[level];
    if (options.file && rank >= fileRank) {
      options.file.write(JSON.stringify({ t: new Date().toISOString(), level, scope, msg: message, ...serializable(fields) }) + '\n');
    }
    if (rank >= consoleRank) {
      const extra = fields && Object.keys(fields).length ? ' ' + JSON.stringify(serializable(fields)) : '';
      consoleWrite(`[${level}] ${scope}: ${message}${extra}\n`);
    }
  };

  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (childScope) => createLogger(options, `${scope}.${childScope}`),
  };
}

/** Errors do not survive JSON.stringify; keep their message and code. */
function serializable(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { message: value.message, code: (value as NodeJS.ErrnoException).code } : value;
  }
  return out;
}

/** Logs a repeated problem at most once per interval per key, with how many were folded in. */
export class RateLimitedLog {
  private readonly lastLogged = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(key: string, message: string, fields?: LogFields): boolean {
    const entry = this.lastLogged.get(key);
    const now = this.now();
    if (entry && now - entry.at < this.intervalMs) {
      entry.suppressed++;
      return false;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.logger.warn(message, suppressed ? { ...fields, suppressedSinceLast: suppressed } : fields);
    this.lastLogged.set(key, { at: now, suppressed: 0 });
    if (this.lastLogged.size > 10_000) this.lastLogged.clear();
    return true;
  }
}
