import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { PERSON_ROLES, type Identity } from '../../common/identity';
import { isUuid } from '../../common/ids';
import type { GatewayConfig } from '../config';
import { invalidToken } from './errors';

/**
 * Verifies a person's bearer token: algorithm allowlist, signature, `exp`, `iss` and `aud` required.
 * Any failure is the same UNAUTHENTICATED answer.
 */
export function jwtVerifier(config: GatewayConfig['jwt']) {
  const key: Uint8Array | JWTVerifyGetKey = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: config.jwksCooldownMs })
    : new TextEncoder().encode(config.secret);
  return async function verify(token: string): Promise<Identity> {
    try {
      const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        algorithms: config.algorithms,
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['exp', 'iss', 'aud', 'sub'],
      });
      const role = payload.role;
      if (typeof role !== 'string' || !PERSON_ROLES.has(role) || !payload.sub) throw invalidToken();
      // A platform's staff (its console, webhook settings) act for one platform, named by the token; never as the platform's API.
      if (role === 'partnerStaff') {
        if (typeof payload.partnerId !== 'string' || !isUuid(payload.partnerId)) throw invalidToken();
        return { role, subject: payload.sub, partnerId: payload.partnerId };
      }
      return { role: role as Identity['role'], subject: payload.sub };
    } catch {
      throw invalidToken();
    }
  };
}
