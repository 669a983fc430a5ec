import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { PageArgs } from '../../../common/pagination';
import { InboxMessageKind } from './inbox.entity';

@ArgsType()
export class InboxArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, description: 'Only messages not marked read yet.' })
  unreadOnly?: boolean | null;

  @Field(() => InboxMessageKind, { nullable: true, description: 'Only messages of this kind.' })
  kind?: InboxMessageKind | null;
}

@InputType({ description: 'The message to mark read.' })
export class InboxMessageMarkReadInput {
  @Field(() => ID, { description: 'Id of a message in the caller’s inbox.' })
  id: string;
}
