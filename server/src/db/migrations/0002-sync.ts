// Accounts, the change log (which doubles as the audit log), idempotent mutations, reviews, photos and
// published months. On PostgreSQL each change records its transaction id, so a pull can hold back changes of
// transactions still open (see sync/pull.ts).
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()

  await db.schema
    .createTable('login_attempts')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('login_attempts_user').on('login_attempts').columns(['username', 'at_ms']).execute()

  let log = db.schema.createTable('change_log')
  log = pg
    ? log
        .addColumn('seq', 'bigserial', (c) => c.primaryKey())
        .addColumn('tx_id', sql`xid8`, (c) => c.notNull().defaultTo(sql`pg_current_xact_id()`))
    : log.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement()).addColumn('tx_id', 'integer', (c) => c.notNull().defaultTo(0))
  await log
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('data', 'text')
    .addColumn('old', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('mutation_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('change_log_tx_seq').on('change_log').columns(['tx_id', 'seq']).execute()
  await db.schema.createIndex('change_log_entity').on('change_log').columns(['entity', 'entity_id']).execute()

  await db.schema
    .createTable('mutations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('supervisor_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('reviews_finding').on('reviews').column('finding_id').execute()

  await db.schema
    .alterTable('findings')
    .addColumn('field_clock', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.alterTable('findings').addColumn('needs_rereview', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('findings').addColumn('clock_skew_ms', 'bigint', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('findings').addColumn('void_reason', 'text').execute()

  await db.schema
    .createTable('photos')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('received', 'bigint', (c) => c.notNull())
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('published_months')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('input_hash', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['published_months', 'photos', 'reviews', 'mutations', 'change_log', 'login_attempts', 'sessions']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
  for (const c of ['field_clock', 'needs_rereview', 'clock_skew_ms', 'void_reason']) {
    await db.schema.alterTable('findings').dropColumn(c).execute()
  }
}
