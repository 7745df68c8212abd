/** Structured, levelled logging with secrets scrubbed before anything reaches a sink. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export interface LogRecord extends LogFields {
  ts: string;
  level: LogLevel;
  msg: string;
}
export type LogSink = (record: LogRecord) => void;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const secretKeys =
  /^(authorization|token|api_?token|apitoken|x-auth-key|secret|pem|password|pin)$/i;
const REDACTED = '[redacted]';

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  sink?: LogSink;
  /** Values that must never appear in a record, wherever they hide (URLs, messages). */
  secrets?: () => readonly string[];
}

export const jsonLineSink: LogSink = (record) =>
  process.stderr.write(`${JSON.stringify(record)}\n`);

export function createLogger(options: LoggerOptions = {}, bound: LogFields = {}): Logger {
  const threshold = order[options.level ?? 'info'];
  const sink = options.sink ?? jsonLineSink;
  const secrets = options.secrets ?? (() => []);
  const emit = (level: LogLevel, msg: string, fields: LogFields = {}) => {
    if (order[level] < threshold) return;
    const clean = scrub({ ...bound, ...fields }, secrets()) as LogFields;
    sink({ ts: new Date().toISOString(), level, msg: scrubText(msg, secrets()), ...clean });
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

export const silentLogger: Logger = createLogger({ sink: () => {} });

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join(REDACTED);
  return out;
}

function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (value instanceof Error) return scrub({ name: value.name, message: value.message }, secrets);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = secretKeys.test(k) ? REDACTED : scrub(v, secrets, depth + 1);
  }
  return out;
}
