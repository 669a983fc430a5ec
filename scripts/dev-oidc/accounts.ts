import { randomUUID, scryptSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type AccountRole = 'participant' | 'analyst' | 'admin';

export interface Account {
  /** The token subject: a participant's id (demo participants, or chosen at sign-up and used by participantRegister). */
  id: string;
  /** What the person types to sign in (an e-mail address). */
  login: string;
  name: string;
  role: AccountRole;
  /** scrypt hash, `salt:hash` in hex. */
  password: string;
}

/** Demo accounts share this password; it exists only in the development provider. */
export const DEMO_PASSWORD = 'prakerja-demo';

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

function passwordMatches(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  const actual = scryptSync(password, Buffer.from(salt, 'hex'), 32);
  return timingSafeEqual(actual, Buffer.from(hash, 'hex'));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** The development provider's accounts, kept in a JSON file so that sign-ups survive a restart. */
export class AccountStore {
  private accounts: Account[];

  constructor(private readonly file: string) {
    this.accounts = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Account[]) : [];
  }

  byId(id: string): Account | undefined {
    return this.accounts.find((a) => a.id === id);
  }

  /** The account whose login and password these are, else undefined (the same answer for either mistake). */
  authenticate(login: string, password: string): Account | undefined {
    const account = this.accounts.find((a) => a.login === login.trim().toLowerCase());
    return account && passwordMatches(password, account.password) ? account : undefined;
  }

  /** A new participant account with a fresh subject; a problem code when refused. */
  signUp(login: string, password: string): Account | 'INVALID_EMAIL' | 'PASSWORD_TOO_SHORT' | 'LOGIN_TAKEN' {
    const normalised = login.trim().toLowerCase();
    if (!EMAIL.test(normalised) || normalised.length > 254) return 'INVALID_EMAIL';
    if (password.length < 8) return 'PASSWORD_TOO_SHORT';
    if (this.accounts.some((a) => a.login === normalised)) return 'LOGIN_TAKEN';
    const account: Account = {
      id: randomUUID(),
      login: normalised,
      name: normalised,
      role: 'participant',
      password: hashPassword(password),
    };
    this.accounts.push(account);
    this.save();
    return account;
  }

  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(this.accounts, null, 2), { mode: 0o600 });
  }
}

/** Writes the demo accounts file: the office's admin and analyst, and the given participants (password DEMO_PASSWORD). */
export function writeDemoAccounts(file: string, participants: Array<{ id: string; email: string; name: string }>): void {
  const password = hashPassword(DEMO_PASSWORD);
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Account[]) : [];
  const demo: Account[] = [
    { id: 'office-admin', login: 'admin@prakerja.dev', name: 'Admin PMO', role: 'admin', password },
    { id: 'office-analyst', login: 'analyst@prakerja.dev', name: 'Analis PMO', role: 'analyst', password },
    ...participants.map((p) => ({ id: p.id, login: p.email.toLowerCase(), name: p.name, role: 'participant' as const, password })),
  ];
  // Sign-ups made earlier are kept; demo accounts are rewritten (the demo data may have been reset).
  const signedUp = existing.filter((a) => !demo.some((d) => d.login === a.login || d.id === a.id) && a.role === 'participant');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify([...demo, ...signedUp], null, 2), { mode: 0o600 });
}
