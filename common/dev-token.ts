import { SignJWT } from 'jose';
import { envReader, readSecret } from './config';

export interface TokenClaims {
  role: 'participant' | 'analyst' | 'admin' | 'partnerStaff';
  sub: string;
  /** The platform a `partnerStaff` token acts for. */
  partnerId?: string;
  /** Lifetime in seconds. */
  expiresIn?: number;
}

/** Issuer and audience every person token must carry. */
export function jwtSettings(env = process.env) {
  const read = envReader(env);
  return { issuer: read.string('JWT_ISSUER', 'prakerja-graph-dev'), audience: read.string('JWT_AUDIENCE', 'prakerja-graph') };
}

/** A development token signed with the configured HS256 secret (production tokens come from the identity provider). */
export async function issueDevToken(claims: TokenClaims, env = process.env): Promise<string> {
  const { issuer, audience } = jwtSettings(env);
  return new SignJWT({ role: claims.role, ...(claims.partnerId ? { partnerId: claims.partnerId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (claims.expiresIn ?? 12 * 3600))
    .sign(new TextEncoder().encode(readSecret('JWT_SECRET', env)));
}
