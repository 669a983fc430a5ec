import { resolve } from 'node:path';
import { createOrm } from '../../common/orm';
import { projectRoot } from '../../common/config';
import { PersonalDataAccess } from './access-log/access-log.entity';
import { Card } from './card/card.entity';
import { Application, Cohort } from './cohort/cohort.entity';
import { ComplaintCase } from './complaint/complaint.entity';
import { InboxMessage } from './inbox/inbox.entity';
import { migrations } from './migrations';
import { Participant } from './participant/participant.entity';
import { IncentiveLedgerEntry, Payout, PayoutAccount } from './payout/payout.entity';
import { SurveyResponse } from './survey/survey.entity';
import { SandboxCard } from './sandbox/sandbox.entity';
import { LedgerEntry, Wallet, WalletHoldRow } from './wallet/wallet.entity';

export const entities = [
  Participant,
  Cohort,
  Application,
  Card,
  Wallet,
  LedgerEntry,
  WalletHoldRow,
  InboxMessage,
  PersonalDataAccess,
  SandboxCard,
  ComplaintCase,
  Payout,
  PayoutAccount,
  IncentiveLedgerEntry,
  SurveyResponse,
];

/** Append-only tables (their triggers refuse UPDATE, DELETE, TRUNCATE; the serving role has no such privilege either). */
export const appendOnlyTables = ['ledger_entry', 'personal_data_access', 'outbox_event', 'incentive_ledger_entry'] as const;

/** MikroORM bound to the `participants` schema, with this subgraph's migrations. */
export const createParticipantsOrm = (databaseUrl: string) =>
  createOrm({
    schema: 'participants',
    databaseUrl,
    entities,
    migrations,
    migrationsPath: resolve(projectRoot, 'subgraphs/participants/migrations'),
  });
