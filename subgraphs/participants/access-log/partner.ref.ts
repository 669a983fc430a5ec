import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The partners subgraph's platform, known here only by its key: returned as a `{ id }` reference. */
@ObjectType('Partner', { description: 'A digital platform that sells Prakerja courses (owned by the partners subgraph).' })
@Directive('@key(fields: "id", resolvable: false)')
export class PartnerRef {
  @Field(() => ID, { description: 'Opaque id of the platform.' })
  id: string;
}

export const partnerRef = (id: string) => Object.assign(new PartnerRef(), { id });
