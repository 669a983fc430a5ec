import { Directive, Field, ID, ObjectType } from 'type-graphql';

/*
 * Stubs of the other subgraphs' entities: this subgraph knows only their key, returns them as `{ id }`
 * references and contributes fields to them (see the resolvers in offering/, course/ and enrollment/).
 */

@ObjectType('Partner', { description: 'A digital platform that sells Prakerja courses (owned by the partners subgraph).' })
@Directive('@key(fields: "id")')
export class PartnerRef {
  @Field(() => ID, { description: 'Opaque id of the platform.' })
  id: string;
}

@ObjectType('TrainingInstitution', {
  description: 'A training institution (Lembaga Pelatihan) that owns courses (owned by the partners subgraph).',
})
@Directive('@key(fields: "id")')
export class TrainingInstitutionRef {
  @Field(() => ID, { description: 'Opaque id of the institution.' })
  id: string;
}

@ObjectType('Participant', { description: 'A person registered with Kartu Prakerja (owned by the participants subgraph).' })
@Directive('@key(fields: "id")')
export class ParticipantRef {
  @Field(() => ID, { description: 'Opaque id of the participant.' })
  id: string;
}

export const partnerRef = (id: string) => Object.assign(new PartnerRef(), { id });
export const institutionRef = (id: string) => Object.assign(new TrainingInstitutionRef(), { id });
export const participantRef = (id: string) => Object.assign(new ParticipantRef(), { id });
