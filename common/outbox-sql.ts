/*
 * The transactional outbox every source subgraph keeps in its own schema (docs/events.md). Events are written
 * by AFTER triggers on the domain tables, so each one commits or rolls back with the change it describes, in
 * the same transaction, whichever code path made the change (resolver, background job, seed, a later
 * refactor). Used by the subgraphs' migrations: the SQL here must stay as it is once released; change the
 * outbox with a new migration.
 */

/** Creates `<schema>.outbox_event` (append-only) and `<schema>.outbox_emit(type, payload, occurred_at)`. */
export function outboxTableSql(schema: string): string[] {
  const s = `"${schema}"`;
  return [
    `create table ${s}."outbox_event" (
      "id" bigint generated always as identity primary key,
      "event_id" uuid not null default gen_random_uuid() unique,
      "xact_id" xid8 not null default pg_current_xact_id(),
      "type" text not null,
      "version" int not null default 1,
      "occurred_at" timestamptz not null default now(),
      "payload" jsonb not null)`,
    // The feed reads in (transaction id, id) order: see outboxFeedSql.
    `create index "outbox_event_xact_id_id_index" on ${s}."outbox_event" ("xact_id", "id")`,
    `create function ${s}."outbox_event_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'outbox_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`,
    `create trigger "outbox_event_no_update_delete" before update or delete on ${s}."outbox_event"
      for each row execute function ${s}."outbox_event_append_only"()`,
    `create trigger "outbox_event_no_truncate" before truncate on ${s}."outbox_event"
      for each statement execute function ${s}."outbox_event_append_only"()`,
    `create function ${s}."outbox_emit"(p_type text, p_payload jsonb, p_occurred_at timestamptz default now()) returns void
      language sql as $$
        insert into ${s}."outbox_event" ("type", "payload", "occurred_at") values (p_type, p_payload, coalesce(p_occurred_at, now()))
      $$`,
  ];
}

/** Drops what outboxTableSql created (a migration's down). */
export function outboxDropSql(schema: string): string[] {
  return [
    `drop table if exists "${schema}"."outbox_event" cascade`,
    `drop function if exists "${schema}"."outbox_event_append_only"()`,
    `drop function if exists "${schema}"."outbox_emit"(text, jsonb, timestamptz)`,
  ];
}

/**
 * An AFTER INSERT OR UPDATE trigger on `table` that emits events built by `body` (plpgsql statements that
 * may use NEW, OLD and TG_OP, and call `emit(type, payload, occurred_at)`).
 */
export function outboxTriggerSql(schema: string, table: string, body: string): string[] {
  const fn = `"${schema}"."outbox_${table}"`;
  return [
    `create function ${fn}() returns trigger language plpgsql as $$
      begin
        ${body.replaceAll('emit(', `perform "${schema}"."outbox_emit"(`)}
        return null;
      end $$`,
    `create trigger "outbox_${table}" after insert or update on "${schema}"."${table}" for each row execute function ${fn}()`,
  ];
}

/** Events for rows that exist already: one event of `type` per row of `table`, its payload built by the table's payload function. */
export interface OutboxBackfill {
  type: string;
  table: string;
  /** The row's time for `occurred_at` (a column of alias `r`); without it, now(). */
  occurredAt?: string;
  /** Order of the events, columns of alias `r`: dimensions before facts, older rows first. */
  orderBy: string;
}

/**
 * One set-based INSERT … SELECT writing the events of `backfill` (docs/events.md), for every row of the table
 * or only those matching `where` (SQL over alias `r`). Used by the outbox migrations and by the bulk seed,
 * which loads with the row triggers disabled and writes its rows' events this way instead.
 */
export function outboxBackfillSql(schema: string, backfill: OutboxBackfill, where?: string): string {
  const s = `"${schema}"`;
  return `insert into ${s}."outbox_event" ("type", "payload", "occurred_at")
    select '${backfill.type}', ${s}."outbox_${backfill.table}_payload"(r), coalesce(${backfill.occurredAt ? `r.${backfill.occurredAt}` : 'null'}, now())
    from ${s}."${backfill.table}" r ${where ? `where ${where}` : ''} order by ${backfill.orderBy}`;
}

/**
 * One source schema's outbox migration: up creates the event table, the payload functions, the triggers on
 * `tables` and backfills their rows; down drops those triggers and functions, then the table.
 */
export function outboxMigrationSql(
  schema: string,
  parts: { payloads: string[]; triggers: string[]; backfill: OutboxBackfill[]; tables: readonly string[] },
): { up: string[]; down: string[] } {
  const s = `"${schema}"`;
  return {
    up: [...outboxTableSql(schema), ...parts.payloads, ...parts.triggers, ...parts.backfill.map((b) => outboxBackfillSql(schema, b))],
    down: [
      ...parts.tables.flatMap((table) => [
        `drop trigger if exists "outbox_${table}" on ${s}."${table}"`,
        `drop function if exists ${s}."outbox_${table}"()`,
        `drop function if exists ${s}."outbox_${table}_payload"(${s}."${table}")`,
      ]),
      ...outboxDropSql(schema),
    ],
  };
}
