import { createLogger, type Logger, type LogSink } from '../core/log';

/**
 * The desktop app's log, JSON lines on stderr like the command line's and the browser mode's,
 * with every secret the app holds cut out of each line. The secrets are asked for at every
 * line: the API token is known only once an account is restored or connected.
 */
export function desktopLogger(secrets: () => readonly string[], sink?: LogSink): Logger {
  return createLogger({ secrets, ...(sink ? { sink } : {}) }).child({ shell: 'electron' });
}
