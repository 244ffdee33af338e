// Runs the migrations in order, once, on either database.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import * as m0001 from './migrations/0001-initial'
import * as m0002 from './migrations/0002-sync'
import * as m0003 from './migrations/0003-rectification'
import * as m0004 from './migrations/0004-district-work'

// Listed here rather than read from disk, so the server bundles and starts the same everywhere.
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-sync': m0002,
  '0003-rectification': m0003,
  '0004-district-work': m0004,
}

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS }

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
