// Problem assignment sheets (问题交办单): the sheet, the findings it covers, and a counter per month that hands out
// sheet numbers. Portable: JSON as text, instants as ISO text with their offset plus epoch ms where rows are
// ordered or compared by time (an ISO text with an offset does not sort as time).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rectification_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('district_code', 'text', (c) => c.notNull().references('districts.code'))
    /** Month of issue in the city's time zone: the month the number is counted in. */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('deadline_ms', 'bigint', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('after_photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('rectification_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('verification', 'text')
    .addColumn('rework_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('overdue_rounds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rectification_orders_district_deadline').on('rectification_orders').columns(['district_code', 'deadline_ms']).execute()
  await db.schema.createIndex('rectification_orders_month').on('rectification_orders').column('month').execute()

  // A finding is on at most one sheet: a failed re-inspection reopens that sheet rather than issuing another,
  // and the primary key keeps two supervisors issuing at once from putting one finding on two sheets.
  await db.schema
    .createTable('rectification_findings')
    .addColumn('finding_id', 'text', (c) => c.primaryKey().references('findings.id'))
    .addColumn('order_id', 'text', (c) => c.notNull().references('rectification_orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rectification_findings_order').on('rectification_findings').columns(['order_id', 'position']).execute()

  // The last sheet number given out in a month. Incremented by an upsert inside the issuing transaction, so
  // concurrent issuers queue on the row (PostgreSQL) or on the writer lock (SQLite), and a rolled-back issue
  // gives its number back: numbers are unique and without gaps.
  await db.schema
    .createTable('rectification_sequences')
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rectification_sequences', 'rectification_findings', 'rectification_orders']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
