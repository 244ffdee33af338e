// One sync run: push the outbox, upload the photos, pull the server's changes — in that order, so the device's
// own writes are on the server before it reads back, and a pulled copy never races an entry just sent. Runs
// hold the sync lock, so only one tab syncs at a time. Its outcome is kept in db.meta ('lastSyncAt',
// 'lastSyncError') for every tab's status bar.
import { setMeta } from '../db/db'
import { needsSignIn } from '../features/auth/session'
import { LAST_SYNC_AT, LAST_SYNC_ERROR, syncContext, type SyncContext, type SyncDeps } from './context'
import { withSyncLock, type LockManagerLike } from './lock'
import { uploadPhotos } from './photo-upload'
import { pullChanges } from './pull'
import { pushOutbox } from './push'
import { syncError, type SyncError } from './sync-error'

export interface SyncOptions extends SyncDeps {
  signal?: AbortSignal
  /** Push now even when entries are waiting out a retry delay. */
  force?: boolean
  /** The lock manager; undefined means navigator.locks where it exists, null means none (runs in this tab
   *  are still kept apart). */
  locks?: LockManagerLike | null
  batchSize?: number
  chunkSize?: number
  pullLimit?: number
}

export interface SyncReport {
  /**
   * synced: everything went and came; partial: records went and came but some photos wait; failed: the run
   * stopped (no network, server trouble) and retries later; sign_in / update_required: nothing more happens
   * until the inspector signs in again or the app is updated; skipped: another tab was syncing; aborted.
   */
  outcome: 'synced' | 'partial' | 'failed' | 'sign_in' | 'update_required' | 'skipped' | 'aborted'
  applied: number
  rejected: number
  photosUploaded: number
  changesPulled: number
  error?: SyncError
}

export { LAST_SYNC_AT, LAST_SYNC_ERROR }

export async function syncOnce(options: SyncOptions = {}): Promise<SyncReport> {
  const ctx = syncContext(options)
  const locked = await withSyncLock(ctx.db, options.locks, () => run(ctx, options).catch((err) => failed(ctx, err, options.signal)))
  return locked.ran ? locked.value : { outcome: 'skipped', applied: 0, rejected: 0, photosUploaded: 0, changesPulled: 0 }
}

async function run(ctx: SyncContext, options: SyncOptions): Promise<SyncReport> {
  const { signal } = options
  const report: SyncReport = { outcome: 'synced', applied: 0, rejected: 0, photosUploaded: 0, changesPulled: 0 }

  const push = await pushOutbox(ctx, { signal, force: options.force, batchSize: options.batchSize })
  report.applied = push.applied
  report.rejected = push.rejected
  // Without a network the photos and the pull would fail the same way; server trouble may spare them.
  if (push.status === 'stopped' || push.error?.code === 'offline') return finish(ctx, report, push.error, signal)

  const photos = await uploadPhotos(ctx, { signal, chunkSize: options.chunkSize })
  report.photosUploaded = photos.uploaded
  if (photos.status === 'stopped') return finish(ctx, report, photos.error, signal)

  const pull = await pullChanges(ctx, { signal, limit: options.pullLimit })
  report.changesPulled = pull.changes
  if (pull.status !== 'done') return finish(ctx, report, pull.error, signal)
  if (push.status !== 'done') return finish(ctx, report, push.error, signal)
  // Records went and came: that is a sync, even if some photo still waits.
  return finish(ctx, report, photos.error, signal, true)
}

async function finish(ctx: SyncContext, report: SyncReport, error: SyncError | undefined, signal: AbortSignal | undefined, exchanged = false): Promise<SyncReport> {
  if (signal?.aborted) return { ...report, outcome: 'aborted' }
  if (exchanged) report.outcome = error ? 'partial' : 'synced'
  else if (error?.code === 'sign_in') report.outcome = 'sign_in'
  else if (error?.code === 'update_required') report.outcome = 'update_required'
  else report.outcome = 'failed'
  if (error) report.error = error
  // The screen asks for the password again; the outbox waits untouched.
  if (report.outcome === 'sign_in') needsSignIn.value = true
  const { db } = ctx
  await db.transaction('rw', db.meta, async () => {
    if (exchanged) await setMeta(LAST_SYNC_AT, ctx.now(), db.meta)
    await setMeta(LAST_SYNC_ERROR, error ?? null, db.meta)
  })
  return report
}

/** The device's storage failed mid-run (quota, a broken database): every transaction rolled back whole, so
 *  nothing is half-written. Recorded where the status bar shows it, and logged for support. */
async function failed(ctx: SyncContext, err: unknown, signal: AbortSignal | undefined): Promise<SyncReport> {
  console.error('sync: run failed', err)
  const error = syncError('device', ctx.now(), { detail: err instanceof Error ? `${err.name}: ${err.message}` : String(err) })
  const report: SyncReport = { outcome: 'failed', applied: 0, rejected: 0, photosUploaded: 0, changesPulled: 0 }
  return finish(ctx, report, error, signal).catch(() => ({ ...report, error }))
}
