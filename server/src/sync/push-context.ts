// What one push batch works with: the open transaction, the caller, reference data, and writes queued for
// bulk insertion (findings created in a row are inserted together; anything that reads them flushes first).
import type { Insertable, Selectable } from 'kysely'
import type { FindingTable, Queryable } from '../db/schema'
import type { AuthUser } from '../auth/middleware'
import type { ChangeNotice } from '../live/bus'
import { appendChanges, type ChangeEntry } from './change-log'
import { bulkInsert } from '../db/bulk-insert'
import type SQLite from 'better-sqlite3'
import type { Reference } from './reference'
import { monthFinder } from '@shared/time'

export class PushContext {
  readonly pendingFindingIds = new Set<string>()
  /** Ids of findings already stored among those this batch creates, looked up in one query. */
  existingIds = new Set<string>()
  private findings: Insertable<FindingTable>[] = []
  private changes: ChangeEntry[] = []
  private mutations: { id: string; user_id: string; device_id: string; type: string; status: string; result: string; at: string }[] = []
  private rows = new Map<string, Selectable<FindingTable> | undefined>()
  readonly notices: ChangeNotice[] = []

  /** Month of an instant in the city's time zone. */
  readonly monthOf: (instant: string) => string

  constructor(
    readonly db: Queryable,
    readonly user: AuthUser,
    readonly deviceId: string,
    readonly ref: Reference,
    readonly at: string,
    /** The device's clock minus ours at the time of the push. */
    readonly clockSkewMs: number,
    /** The SQLite connection under `db`, when on SQLite: queued rows are inserted through prepared statements. */
    private readonly raw?: SQLite.Database,
  ) {
    this.monthOf = monthFinder(ref.policy.timeZone)
  }

  queueFinding(row: Insertable<FindingTable>): void {
    this.findings.push(row)
    this.pendingFindingIds.add(row.id)
  }

  change(entry: ChangeEntry): void {
    this.changes.push({ actorId: this.user.id, deviceId: this.deviceId, ...entry })
  }

  record(id: string, type: string, status: 'applied' | 'rejected', result: unknown): void {
    this.mutations.push({ id, user_id: this.user.id, device_id: this.deviceId, type, status, result: JSON.stringify(result), at: this.at })
  }

  async loadExisting(ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db.selectFrom('findings').select('id').where('id', 'in', ids.slice(i, i + 500)).execute()
      for (const r of rows) this.existingIds.add(r.id)
    }
  }

  async findRow(id: string): Promise<Selectable<FindingTable> | undefined> {
    if (this.pendingFindingIds.has(id)) await this.flush()
    if (!this.rows.has(id)) {
      const q = this.db.selectFrom('findings').selectAll().where('id', '=', id)
      // On PostgreSQL two pushes may merge edits into one finding at once: the row lock makes the second read the
      // first's result instead of overwriting it. SQLite's single writer already serialises them.
      this.rows.set(id, await (this.raw ? q : q.forUpdate()).executeTakeFirst())
    }
    return this.rows.get(id)
  }

  forgetRow(id: string): void {
    this.rows.delete(id)
  }

  /** Writes everything queued, keeping the order of changes. */
  async flush(): Promise<void> {
    await bulkInsert(this.db, this.raw, 'findings', this.findings)
    if (this.changes.length) this.notices.push(...(await appendChanges(this.db, this.changes, this.at, this.raw)))
    await bulkInsert(this.db, this.raw, 'mutations', this.mutations)
    this.findings = []
    this.changes = []
    this.mutations = []
    this.pendingFindingIds.clear()
  }
}
