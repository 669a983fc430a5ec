import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts a signing key with AES-256-GCM under a fresh random 96-bit IV. The key's row id is the
 * additional authenticated data, so a ciphertext copied onto another row does not decrypt.
 */
export function encryptSigningKey(encryptionKey: Buffer, signingKey: string, keyId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(signingKey, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

/** Decrypts what `encryptSigningKey` wrote; throws when the data or its binding to `keyId` was tampered with. */
export function decryptSigningKey(encryptionKey: Buffer, stored: string, keyId: string): string {
  const [version, iv, tag, ciphertext] = stored.split('.');
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('unknown signing key encoding');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}

/** A new signing key: 32 random bytes, hex. */
export const newSigningKey = () => randomBytes(32).toString('hex');
