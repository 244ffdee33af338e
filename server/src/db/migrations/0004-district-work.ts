// What districts do with the bureau beyond sheets: appeals against deductions, and the WeCom group robot of each
// district with the queue of messages sent to it. Portable like the earlier migrations: JSON as text, instants
// as ISO text plus epoch ms where rows are ordered or compared by time.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull().references('findings.id'))
    .addColumn('district_code', 'text', (c) => c.notNull().references('districts.code'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('filed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('filed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    /** AppealDecision as JSON, null while pending. */
    .addColumn('decision', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('appeals_district_month').on('appeals').columns(['district_code', 'month']).execute()
  await db.schema.createIndex('appeals_finding').on('appeals').column('finding_id').execute()

  // The robot's key is the secret part of its webhook URL: kept here, never sent to a browser.
  await db.schema
    .createTable('district_webhooks')
    .addColumn('district_code', 'text', (c) => c.primaryKey().references('districts.code'))
    .addColumn('robot_key', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  // Messages waiting for, sent to, or refused by a district's robot. dedupe_key makes an event enqueue once
  // however often the action or job that raises it runs.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('district_code', 'text', (c) => c.notNull().references('districts.code'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_ms', 'bigint', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
  await db.schema.createIndex('notifications_due').on('notifications').columns(['status', 'next_attempt_ms']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['notifications', 'district_webhooks', 'appeals']) await db.schema.dropTable(t).ifExists().execute()
}
