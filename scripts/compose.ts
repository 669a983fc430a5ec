import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { projectRoot } from '../common/config';
import { helpOnRequest } from './cli';
import { composeSupergraph } from './composition';

helpOnRequest(`
usage: npm run compose

Builds each subgraph's schema from the code and writes schema/<subgraph>.graphql and the composed
schema/supergraph.graphql (a test fails when the committed files differ from what the code composes).
`);

/** `npm run compose`: writes schema/<subgraph>.graphql and schema/supergraph.graphql from the code. */
composeSupergraph().then(
  ({ subgraphs, supergraph }) => {
    const dir = resolve(projectRoot, 'schema');
    mkdirSync(dir, { recursive: true });
    for (const { name, sdl } of subgraphs) writeFileSync(resolve(dir, `${name}.graphql`), sdl);
    writeFileSync(resolve(dir, 'supergraph.graphql'), supergraph);
    console.log(`composed ${subgraphs.length} subgraphs into schema/supergraph.graphql`);
  },
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
