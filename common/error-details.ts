import { DriverException } from '@mikro-orm/core';

/**
 * What may be logged of an unexpected error. Database driver errors carry the SQL and its bound values (names,
 * e-mails, addresses), so only their class, SQLSTATE and constraint are kept; other errors keep their stack.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DriverException) {
    const { code, constraint } = error as DriverException & { constraint?: string };
    return { error: error.name, sqlState: code, constraint };
  }
  return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
