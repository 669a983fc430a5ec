import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type Role = 'anonymous' | 'participant' | 'analyst' | 'admin' | 'partnerStaff' | 'partner' | 'service';

/** Roles of people, identified by a token subject (partners are platforms, services are processes). */
export const PERSON_ROLES: ReadonlySet<string> = new Set<Role>(['participant', 'analyst', 'admin', 'partnerStaff']);

/** Who is calling, as verified by the gateway (or, for `service`, by the calling subgraph). */
export interface Identity {
  role: Role;
  /** Participant id for participants, user id for staff, subgraph name for services. */
  subject?: string;
  /** Partner platform id, for partners (signed requests) and their staff (`partnerStaff` tokens, claim `partnerId`). */
  partnerId?: string;
  /** A partner signed with a sandbox credential: test cards only, nothing production sees (docs/partner-guide.md §8). */
  sandbox?: boolean;
  /** Name of the client's GraphQL operation, set by the gateway: recorded with each read of personal data. */
  operation?: string;
  /** Purpose the caller declared in the `x-purpose` header, set by the gateway: recorded with each read of personal data. */
  purpose?: string;
}

export const ANONYMOUS: Identity = { role: 'anonymous' };

export const IDENTITY_HEADER = 'x-prakerja-identity';
export const SIGNATURE_HEADER = 'x-prakerja-signature';
export const TIMESTAMP_HEADER = 'x-prakerja-timestamp';
/** How far a signed internal request's timestamp may be from the receiver's clock. */
const MAX_SKEW_SECONDS = 60;

const sha256 = (body: string | Buffer) => createHash('sha256').update(body).digest('hex');

function mac(secret: string, timestamp: string, identity: string, body: string | Buffer): string {
  return createHmac('sha256', secret)
    .update(`${timestamp}\n${identity}\n${sha256(body)}`)
    .digest('hex');
}

/**
 * Headers that prove a request to a subgraph comes from the gateway (or a sibling subgraph) and carry the
 * verified identity. The MAC covers the identity and the exact body, so neither can be swapped.
 */
export function signInternalRequest(secret: string, identity: Identity, body: string | Buffer, now = Date.now()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const timestamp = String(Math.floor(now / 1000));
  return { [IDENTITY_HEADER]: encoded, [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: mac(secret, timestamp, encoded, body) };
}

/** The identity a signed internal request carries, or null when the signature is missing, stale or wrong. */
export function verifyInternalRequest(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string | Buffer,
  now = Date.now(),
): Identity | null {
  const encoded = single(headers[IDENTITY_HEADER]);
  const timestamp = single(headers[TIMESTAMP_HEADER]);
  const signature = single(headers[SIGNATURE_HEADER]);
  if (!encoded || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return null;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return null;
  if (!constantTimeEqualHex(signature, mac(secret, timestamp, encoded, body))) return null;
  try {
    const identity = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Identity;
    return typeof identity.role === 'string' ? identity : null;
  } catch {
    return null;
  }
}

export function constantTimeEqualHex(a: string, b: string): boolean {
  if (!/^[0-9a-f]+$/.test(a) || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}
