import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../common/config';

/**
 * The committed supergraph with each subgraph's URL replaced by the configured one: the composed file keeps
 * local defaults, deployments point the gateway elsewhere through `<NAME>_URL`.
 */
export function loadSupergraph(urls: Record<string, string>, file = resolve(projectRoot, 'schema/supergraph.graphql')): string {
  let sdl = readFileSync(file, 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`supergraph has no subgraph named ${name}`);
    sdl = sdl.replace(pattern, `$1${url}$2`);
  }
  return sdl;
}
