import { parseCommandLine, USAGE, UsageError, type SiteCommandLine } from './command-line.js';

/** What a shell does with its command line: go on with the options, or stop with a message and a status. */
export type CommandLineOutcome = { ok: true; options: SiteCommandLine } | { ok: false; exitCode: number; message: string };

/**
 * The one path both shells take from argv to options or to an exit: the message is the error's
 * sentence and the usage (just the usage for --help), the status 2 for a mistake, 0 for --help.
 */
export function readCommandLine(argv: string[], env: NodeJS.ProcessEnv = process.env): CommandLineOutcome {
  try {
    return { ok: true, options: parseCommandLine(argv, env) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { ok: false, exitCode: error.exitCode, message: error.message ? `${error.message}\n\n${USAGE}\n` : `${USAGE}\n` };
  }
}
