import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

/** The development provider's RS256 signing key, generated once into the data folder so that restarts keep issued tokens valid. */
export async function devSigningKey(file: string): Promise<JWK> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `dev-${Date.now().toString(36)}` };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

/**
 * A person's token signed with the development provider's key, as the provider would issue it: what `npm start`'s
 * gateway accepts (it trusts that provider's JWKS). Undefined before the provider has ever run.
 */
export async function signWithDevProviderKey(
  claims: { role: string; sub: string; expiresIn: number; partnerId?: string },
  settings: { keyFile: string; issuer: string },
  audience: string,
): Promise<string | undefined> {
  if (!existsSync(settings.keyFile)) return undefined;
  const jwk = JSON.parse(readFileSync(settings.keyFile, 'utf8')) as JWK;
  const key = await importJWK(jwk, 'RS256');
  return new SignJWT({ role: claims.role, ...(claims.partnerId ? { partnerId: claims.partnerId } : {}) })
    .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
    .setSubject(claims.sub)
    .setIssuer(settings.issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + claims.expiresIn)
    .sign(key);
}
