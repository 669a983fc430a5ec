import { envReader } from './config';

/** The subgraphs of the supergraph, in composition order, with their default local ports. */
export const SUBGRAPHS = [
  { name: 'participants', defaultPort: 4001 },
  { name: 'partners', defaultPort: 4002 },
  { name: 'courses', defaultPort: 4003 },
  { name: 'analytics', defaultPort: 4004 },
] as const;

/** Where the browser client is served in development: the one origin the gateway allows by default outside production. */
export const WEB_DEV_ORIGIN = 'http://localhost:5173';

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The compiled entry point of each process, under dist/: what `npm start`, the image and the manifests run. */
export const processEntry = (process: SubgraphName | 'gateway') =>
  process === 'gateway' ? 'gateway/index.js' : `subgraphs/${process}/index.js`;

/** Port a subgraph listens on: `<NAME>_PORT`, else its default. */
export function subgraphPort(name: SubgraphName, env = process.env): number {
  const def = SUBGRAPHS.find((s) => s.name === name)!.defaultPort;
  return envReader(env).int(`${name.toUpperCase()}_PORT`, def, 0, 65535); // 0: any free port
}

/** URL the gateway (and other subgraphs) use to reach a subgraph: `<NAME>_URL`, else localhost and its port. */
export function subgraphUrl(name: SubgraphName, env = process.env): string {
  return envReader(env).optional(`${name.toUpperCase()}_URL`) ?? `http://127.0.0.1:${subgraphPort(name, env)}/graphql`;
}
