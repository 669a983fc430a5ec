import 'reflect-metadata';
import { printSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import { parse, type GraphQLSchema } from 'graphql';
import { SUBGRAPHS, type SubgraphName } from '../common/topology';
import { buildAnalyticsSchema } from '../subgraphs/analytics/schema';
import { buildCoursesSchema } from '../subgraphs/courses/schema';
import { buildParticipantsSchema } from '../subgraphs/participants/schema';
import { buildPartnersSchema } from '../subgraphs/partners/schema';

const BUILDERS: Record<SubgraphName, () => Promise<GraphQLSchema>> = {
  participants: buildParticipantsSchema,
  partners: buildPartnersSchema,
  courses: buildCoursesSchema,
  analytics: buildAnalyticsSchema,
};

export interface Composition {
  subgraphs: Array<{ name: SubgraphName; sdl: string }>;
  supergraph: string;
}

/**
 * Builds every subgraph's schema from code and composes the Federation 2 supergraph. Subgraph URLs in the
 * supergraph are the local defaults; the gateway replaces them from configuration at start-up.
 */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs = [];
  for (const { name, defaultPort } of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await BUILDERS[name]());
    subgraphs.push({ name, sdl, url: `http://127.0.0.1:${defaultPort}/graphql` });
  }
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return {
    subgraphs: subgraphs.map(({ name, sdl }) => ({ name, sdl: `${sdl.trim()}\n` })),
    supergraph: `${(result.supergraphSdl ?? '').trim()}\n`,
  };
}
