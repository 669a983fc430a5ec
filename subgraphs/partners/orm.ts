import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { PartnerCredential, PartnerCredentialKey } from './credential/credential.entity';
import { Evaluation } from './evaluation/evaluation.entity';
import { InstitutionAffiliation, TrainingInstitution } from './institution/institution.entity';
import { migrations } from './migrations';
import { Partner, PartnerStatusChange } from './partner/partner.entity';
import { PartnerProbation } from './probation/probation.entity';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from './webhook/webhook.entity';

export const entities = [
  Partner,
  PartnerStatusChange,
  Evaluation,
  TrainingInstitution,
  InstitutionAffiliation,
  PartnerCredential,
  PartnerCredentialKey,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
  PartnerProbation,
];

/** Append-only tables: the serving role may only add rows to them. */
export const appendOnlyTables = ['outbox_event', 'webhook_attempt'] as const;

/** MikroORM bound to the `partners` schema, with this subgraph's migrations. */
export const createPartnersOrm = (databaseUrl: string) =>
  createOrm({
    schema: 'partners',
    databaseUrl,
    entities,
    migrations,
    migrationsPath: resolve(projectRoot, 'subgraphs/partners/migrations'),
  });
