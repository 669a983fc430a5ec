import { Arg, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireRole } from '../../../common/auth';
import { forbidden, payloadUserError, UserError } from '../../../common/errors';
import type { PartnersContext } from '../context';
import { Partner, PartnerStatus } from '../partner/partner.entity';
import { CredentialEnvironment, PartnerCredential, PartnerCredentialKey } from './credential.entity';
import { PartnerCredentialIssueInput, PartnerCredentialRevokeInput, PartnerCredentialRotateInput } from './credential.inputs';
import { accessVersion, issueCredential, revokeCredential, rotateCredential, verificationFor } from './credential.service';

/** What partnerCredentialIssue can refuse with. */
const PARTNER_CREDENTIAL_ISSUE_ERRORS = {
  NOT_FOUND: 'There is no platform with this id.',
  NOT_ADMITTED: 'Only a MOU_SIGNED, ACTIVE or SUSPENDED platform can hold credentials.',
} as const;

/** What partnerCredentialRotate can refuse with. */
const PARTNER_CREDENTIAL_ROTATE_ERRORS = {
  NOT_FOUND: 'There is no credential with this id.',
  REVOKED: 'The credential is revoked; issue a new one instead.',
} as const;

/** What partnerCredentialRevoke can refuse with. */
const PARTNER_CREDENTIAL_REVOKE_ERRORS = {
  NOT_FOUND: 'There is no credential (or key) with this id.',
  ALREADY_REVOKED: 'The credential (or key) is already revoked.',
} as const;

/** The payload of a mutation that hands out a new signing key, with the user errors of that mutation. */
function keyIssuePayload(mutation: string, UserErrorType: ReturnType<typeof payloadUserError>) {
  const name = `${mutation.charAt(0).toUpperCase()}${mutation.slice(1)}Payload`;
  @ObjectType(name, { description: `Result of ${mutation}. The signing key appears here once and can never be read again.` })
  class KeyIssuePayload {
    @Field(() => PartnerCredential, { nullable: true, description: 'The credential (same client id after a rotation).' })
    credential: PartnerCredential | null;

    @Field(() => PartnerCredentialKey, { nullable: true, description: 'The new key’s metadata; its id is what revokes it later.' })
    key: PartnerCredentialKey | null;

    @Field(() => String, {
      nullable: true,
      description: 'The new signing key (32 random bytes, hex). Hand it to the platform now: it is stored encrypted and never shown again.',
    })
    signingKey: string | null;

    @Field(() => [UserErrorType], { description: 'Why the request was refused; empty on success.' })
    userErrors: UserError[];
  }
  return KeyIssuePayload;
}

const PartnerCredentialIssuePayload = keyIssuePayload(
  'partnerCredentialIssue',
  payloadUserError('PartnerCredentialIssue', PARTNER_CREDENTIAL_ISSUE_ERRORS),
);
const PartnerCredentialRotatePayload = keyIssuePayload(
  'partnerCredentialRotate',
  payloadUserError('PartnerCredentialRotate', PARTNER_CREDENTIAL_ROTATE_ERRORS),
);
const PartnerCredentialRevokeUserError = payloadUserError('PartnerCredentialRevoke', PARTNER_CREDENTIAL_REVOKE_ERRORS);

@ObjectType({ description: 'Result of revoking a credential or one of its keys.' })
class PartnerCredentialRevokePayload {
  @Field(() => PartnerCredential, { nullable: true, description: 'The credential after the revocation.' })
  credential: PartnerCredential | null;

  @Field(() => [PartnerCredentialRevokeUserError], { description: 'Why the request was refused; empty on success.' })
  userErrors: UserError[];
}

@ObjectType({ description: 'What the gateway needs to verify a partner request signed under a client id.' })
@Directive('@inaccessible')
class PartnerCredentialVerification {
  @Field(() => ID, { description: 'The platform the client id belongs to.' })
  partnerId: string;

  @Field(() => PartnerStatus, { description: 'Its current status (the gateway refuses all but ACTIVE, and MOU_SIGNED in the sandbox).' })
  partnerStatus: PartnerStatus;

  @Field(() => CredentialEnvironment, { description: 'PRODUCTION or SANDBOX: the gateway marks sandbox requests as such.' })
  environment: CredentialEnvironment;

  @Field(() => [String], { description: 'Every signing key usable now: two during a rotation.' })
  signingKeys: string[];
}

@Resolver(() => PartnerCredential)
export class PartnerCredentialResolver {
  @FieldResolver(() => [PartnerCredentialKey], { description: 'Its signing keys, oldest first (metadata only).' })
  keys(@Root() credential: PartnerCredential, @Ctx() { identity, loaders }: PartnersContext) {
    requireRole(identity, 'admin');
    return loaders.keysByCredential.load(credential.id);
  }

  @Mutation(() => PartnerCredentialIssuePayload, {
    nullable: true,
    description:
      'Issues a new client id and signing key to a MOU_SIGNED, ACTIVE or SUSPENDED platform. The key is in this payload only. Admin only.',
  })
  partnerCredentialIssue(
    @Arg('input', () => PartnerCredentialIssueInput, { description: 'The platform.' }) input: PartnerCredentialIssueInput,
    @Ctx() { em, identity, config }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return issueCredential(em, config.credentialKey, input.partnerId, input.environment ?? undefined);
  }

  @Mutation(() => PartnerCredentialRotatePayload, {
    nullable: true,
    description:
      'Adds a new signing key under the same client id. Old and new keys both verify until the old one is revoked with `partnerCredentialRevoke(keyId)`. The new key is in this payload only. Admin only.',
  })
  partnerCredentialRotate(
    @Arg('input', () => PartnerCredentialRotateInput, { description: 'The credential.' }) input: PartnerCredentialRotateInput,
    @Ctx() { em, identity, config }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return rotateCredential(em, config.credentialKey, input.credentialId);
  }

  @Mutation(() => PartnerCredentialRevokePayload, {
    nullable: true,
    description:
      'Revokes a whole credential (credentialId) or a single key (keyId). Every gateway drops its cached verifications within GATEWAY_PARTNER_VERSION_POLL_MS (2 seconds by default) of the revocation. Admin only.',
  })
  partnerCredentialRevoke(
    @Arg('input', () => PartnerCredentialRevokeInput, { description: 'Exactly one of credentialId and keyId.' })
    input: PartnerCredentialRevokeInput,
    @Ctx() { em, identity }: PartnersContext,
  ) {
    requireRole(identity, 'admin');
    return revokeCredential(em, input);
  }

  @Query(() => PartnerCredentialVerification, {
    nullable: true,
    description:
      "What the gateway needs to verify a partner's signed request: the partner and every key usable now (during a rotation, old and new). Null when the client id is unknown or revoked. For the gateway service only (it returns signing keys).",
  })
  @Directive('@inaccessible')
  partnerCredentialVerification(
    @Arg('clientId', () => String, { description: 'Client id the request was signed under.' }) clientId: string,
    @Ctx() { em, identity, config }: PartnersContext,
  ) {
    requireRole(identity, 'service');
    // Plaintext signing keys: only the gateway verifies partner signatures, so no other service may read them.
    if (identity.subject !== 'gateway') throw forbidden('Only the gateway may read partner signing keys');
    return verificationFor(em, config.credentialKey, clientId);
  }

  @Query(() => String, {
    nullable: true,
    description:
      'A version that changes whenever a platform changes status or a credential or key is revoked; the gateway polls it to drop its cached verifications. For the gateway service only.',
  })
  @Directive('@inaccessible')
  partnerAccessVersion(@Ctx() { em, identity }: PartnersContext) {
    requireRole(identity, 'service');
    if (identity.subject !== 'gateway') throw forbidden('Only the gateway reads the access version');
    return accessVersion(em);
  }
}

@Resolver(() => Partner)
export class PartnerCredentialsFieldResolver {
  @FieldResolver(() => [PartnerCredential], {
    nullable: true,
    description: 'Credentials issued to the platform, oldest first; never shows keys. Admin only.',
  })
  credentials(@Root() partner: Partner, @Ctx() { identity, loaders }: PartnersContext) {
    requireRole(identity, 'admin');
    return loaders.credentialsByPartner.load(partner.id);
  }
}
