import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { composeSupergraph as Compose } from '../../scripts/composition';

const { composeSupergraph } = require('../../dist/scripts/composition') as { composeSupergraph: typeof Compose };
const committed = (file: string) => readFileSync(resolve(__dirname, '../../schema', file), 'utf8');

describe('supergraph composition', () => {
  it('composes without errors and matches the committed SDL files (run `npm run compose` after a schema change)', async () => {
    const { subgraphs, supergraph } = await composeSupergraph();
    for (const { name, sdl } of subgraphs) expect({ name, sdl }).toEqual({ name, sdl: committed(`${name}.graphql`) });
    expect(supergraph).toEqual(committed('supergraph.graphql'));
  });
});
