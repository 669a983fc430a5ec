import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';

/** Root of the repository, whether running from source (ts-jest) or from dist/. */
export const projectRoot = resolve(__dirname, basename(resolve(__dirname, '..')) === 'dist' ? '../..' : '..');

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Typed readers for environment variables; every reader validates and names the variable on failure. */
export function envReader(env: Env = process.env) {
  return {
    string(name: string, fallback?: string): string {
      const value = env[name] ?? fallback;
      if (value === undefined || value === '') throw new ConfigError(`${name} is required`);
      return value;
    },
    optional(name: string): string | undefined {
      const value = env[name];
      return value === undefined || value === '' ? undefined : value;
    },
    int(name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!Number.isSafeInteger(value) || value < min || value > max) {
        throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      }
      return value;
    },
    bool(name: string, fallback: boolean): boolean {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      if (['1', 'true', 'yes'].includes(raw)) return true;
      if (['0', 'false', 'no'].includes(raw)) return false;
      throw new ConfigError(`${name} must be true or false, got "${raw}"`);
    },
    oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
      const raw = env[name];
      if (raw === undefined || raw === '') return fallback;
      if ((allowed as readonly string[]).includes(raw)) return raw as T;
      throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    },
  };
}

/** Folder for local state (embedded database, development secrets); git-ignored. */
export function dataDir(env: Env = process.env): string {
  return resolve(projectRoot, env.PRAKERJA_DATA_DIR ?? '.data');
}

const SECRET_NAMES = ['JWT_SECRET', 'GATEWAY_SIGNING_SECRET', 'CREDENTIAL_ENCRYPTION_KEY', 'DATABASE_ROLE_SECRET'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/**
 * Secrets come from the environment. Outside production a missing secret is generated once and kept in
 * `.data/dev-secrets.json`, so every local process (gateway, subgraphs, `npm run token`) agrees on it and
 * no secret is ever written in code.
 */
export function readSecret(name: SecretName, env: Env = process.env): string {
  const fromEnv = env[name];
  if (fromEnv) {
    if (fromEnv.length < 32) throw new ConfigError(`${name} must be at least 32 characters`);
    return fromEnv;
  }
  if (env.NODE_ENV === 'production') throw new ConfigError(`${name} is required in production`);
  const file = resolve(dataDir(env), 'dev-secrets.json');
  const stored: Partial<Record<SecretName, string>> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!stored[name]) {
    for (const n of SECRET_NAMES) stored[n] ??= randomBytes(32).toString('hex');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored[name]!;
}
