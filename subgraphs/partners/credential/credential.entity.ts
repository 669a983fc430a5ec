import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { newId } from '../../../common/ids';
import { Partner } from '../partner/partner.entity';

export enum CredentialEnvironment {
  PRODUCTION = 'PRODUCTION',
  SANDBOX = 'SANDBOX',
}
registerEnumType(CredentialEnvironment, {
  name: 'CredentialEnvironment',
  description: 'Where a credential works: the real programme, or the sandbox of test cards (docs/partner-guide.md §8).',
  valuesConfig: {
    PRODUCTION: { description: 'Real cards and balances; the platform must be ACTIVE.' },
    SANDBOX: { description: 'Test cards only, no real balance moves; from the MoU (MOU_SIGNED) and while ACTIVE.' },
  },
});

/**
 * A platform's API identity (client id) for signed partner requests. Its signing keys live in
 * PartnerCredentialKey so that a rotation adds a key under the same client id instead of replacing it.
 */
@ObjectType({ description: "A platform's client id for signed partner requests. Its signing keys are never readable." })
@Entity({ tableName: 'partner_credential' })
export class PartnerCredential {
  [OptionalProps]?: 'id' | 'createdAt' | 'revokedAt' | 'environment';

  @Field(() => ID, { description: 'Opaque id of the credential.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  @Index()
  partner: Partner;

  @Field({ description: 'Public client id the platform sends with each signed request.' })
  @Property({ type: 'text', unique: true })
  clientId: string;

  @Field(() => CredentialEnvironment, { description: 'PRODUCTION (real cards) or SANDBOX (test cards only).' })
  @Enum({ items: () => CredentialEnvironment, nativeEnumName: 'credential_environment' })
  environment: CredentialEnvironment = CredentialEnvironment.PRODUCTION;

  @Field({ description: 'When the credential was issued.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When the whole credential was revoked; null while usable.' })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

@ObjectType({ description: 'One signing key of a credential (metadata only: the key itself is shown once, when issued).' })
@Entity({ tableName: 'partner_credential_key' })
export class PartnerCredentialKey {
  [OptionalProps]?: 'id' | 'createdAt' | 'revokedAt';

  @Field(() => ID, { description: 'Opaque id of the key; pass it to `partnerCredentialRevoke` to end a rotation.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @ManyToOne(() => PartnerCredential, { deleteRule: 'cascade' })
  @Index()
  credential: PartnerCredential;

  /** AES-256-GCM ciphertext of the signing key (see credential.crypto.ts); never exposed, and lazy so only verification loads it. */
  @Property({ type: 'text', lazy: true })
  encryptedKey: string;

  @Field({ description: 'When the key was issued.' })
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while it verifies requests.' })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
