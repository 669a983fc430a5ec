import { Field, ID, InputType } from 'type-graphql';
import { CredentialEnvironment } from './credential.entity';

@InputType({ description: 'The platform to issue a credential to.' })
export class PartnerCredentialIssueInput {
  @Field(() => ID, { description: 'The platform (MOU_SIGNED, ACTIVE or SUSPENDED).' })
  partnerId: string;

  @Field(() => CredentialEnvironment, {
    nullable: true,
    description: 'PRODUCTION (the default) or SANDBOX: a separate client id that works with test cards only.',
  })
  environment?: CredentialEnvironment | null;
}

@InputType({ description: 'The credential whose signing key to rotate.' })
export class PartnerCredentialRotateInput {
  @Field(() => ID, { description: 'The credential; it keeps its client id.' })
  credentialId: string;
}

@InputType({ description: 'What to revoke: a whole credential, or one of its keys (exactly one of the two).' })
export class PartnerCredentialRevokeInput {
  @Field(() => ID, { nullable: true, description: 'Revoke the credential and every key under it.' })
  credentialId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Revoke one key, typically the old one after a rotation.' })
  keyId?: string | null;
}
