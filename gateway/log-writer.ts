import { Logger, type LogWriter } from '@graphql-hive/logger';
import { log } from '../common/logger';

/** Keys of the runtime's log attributes that carry an upstream request (its body holds the variables: NIK, name, phone…). */
const DROPPED = new Set(['request', 'body', 'variables', 'headers']);

function withoutPayloads(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((item) => withoutPayloads(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DROPPED.has(key))
      .map(([key, item]) => [key, withoutPayloads(item, depth + 1)]),
  );
}

/**
 * The Hive runtime's own logs (an unreachable subgraph, a timeout) go through the project's JSON logger,
 * which masks 16-digit runs, with the upstream request stripped: left to the runtime's default writer they
 * print the subgraph request body, variables and all, in clear.
 */
const writer: LogWriter = {
  write(level, attrs, msg) {
    const fields = attrs ? { details: withoutPayloads(attrs) } : undefined;
    const message = msg ?? 'gateway runtime';
    if (level === 'error') log.error(message, fields);
    else if (level === 'warn') log.warn(message, fields);
    else log.info(message, fields);
  },
};

/** The runtime's logger: warnings and errors, through the writer above; nothing when silent. */
export const runtimeLogger = (silent: boolean) => new Logger({ level: silent ? false : 'warn', writers: [writer] });
