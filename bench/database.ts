import { envReader } from '../common/config';
import { startDatabase, type DatabaseHandle } from '../common/database';

/**
 * The PostgreSQL a bench runs on: DATABASE_URL when set, else an embedded server of its own in
 * `.data/<dirname>` on BENCH_EMBEDDED_PG_PORT (or the bench's default port), apart from the development and
 * test servers so that a bench can run beside them.
 */
export function benchDatabase(dirname: string, defaultPort: number, log: (m: string) => void = () => undefined): Promise<DatabaseHandle> {
  const port = envReader().int('BENCH_EMBEDDED_PG_PORT', defaultPort, 1024, 65535);
  return startDatabase({ ...process.env, EMBEDDED_PG_PORT: String(port), EMBEDDED_PG_DIRNAME: dirname }, log);
}
