import { Args, Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import { isSelf } from '../../../common/auth';
import { forbidden } from '../../../common/errors';
import { Connection, PageArgs, paginate } from '../../../common/pagination';
import type { ParticipantsContext } from '../context';
import { Participant } from '../participant/participant.entity';
import { PersonalDataAccess } from './access-log.entity';
import { partnerRef, PartnerRef } from './partner.ref';

@ObjectType({ description: 'The complaint a read of personal data served, as its participant sees it: no internal notes.' })
class PersonalDataAccessComplaint {
  @Field({ description: 'Case number, for example `ADU-2026-000117`.' })
  number: string;

  @Field({ description: 'What the complaint is about.' })
  subject: string;
}

@ObjectType({ description: "A page of the participant's personal-data access history." })
class PersonalDataAccessConnection extends Connection(PersonalDataAccess, 'PersonalDataAccess', 'personal-data access') {}

@Resolver(() => Participant)
export class AccessLogResolver {
  @FieldResolver(() => PersonalDataAccessConnection, {
    nullable: true,
    description:
      'Every read of this participant’s personal data by someone else (UU PDP), newest first. Readable only by the participant; nobody can change or delete it.',
  })
  personalDataAccessLog(@Root() p: Participant, @Args() { first, after }: PageArgs, @Ctx() { identity, em }: ParticipantsContext) {
    if (!isSelf(identity, p.id)) throw forbidden('The access history is readable only by the participant');
    return paginate(em, PersonalDataAccess, { participantId: p.id }, { first, after, sortBy: 'accessedAt', direction: 'desc' });
  }
}

@Resolver(() => PersonalDataAccess)
export class PersonalDataAccessResolver {
  @FieldResolver(() => PartnerRef, {
    nullable: true,
    description: 'The platform that read, when a partner platform did (a card check at its checkout).',
  })
  platform(@Root() access: PersonalDataAccess): PartnerRef | null {
    return access.accessorPartnerId ? partnerRef(access.accessorPartnerId) : null;
  }

  @FieldResolver(() => PersonalDataAccessComplaint, {
    nullable: true,
    description: 'The complaint case the read served, when its purpose named one (`x-purpose: complaint:<number>`).',
  })
  async complaint(@Root() access: PersonalDataAccess, @Ctx() { loaders }: ParticipantsContext) {
    if (!access.complaintCaseId) return null;
    const found = await loaders.complaintCase.load(access.complaintCaseId);
    return found && Object.assign(new PersonalDataAccessComplaint(), { number: found.number, subject: found.subject });
  }
}
