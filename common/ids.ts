import { createHash, randomUUID } from 'node:crypto';

/** A new random id (UUID v4). */
export const newId = (): string => randomUUID();

/**
 * A deterministic UUID (v5 layout) for a name within a namespace. Seed data uses it so that two subgraphs
 * agree on the ids of the records they reference without reading each other's tables.
 */
export function stableId(namespace: string, name: string): string {
  const hash = createHash('sha1').update(`prakerja:${namespace}:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => UUID.test(value);
