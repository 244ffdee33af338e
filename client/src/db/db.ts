// The tablet's one IndexedDB database. Schema versions are append-only: never edit a released
// version(n).stores(); add version(n+1) with its upgrade instead, so a device updating the app keeps its data.
import Dexie, { type Table } from 'dexie'
import type { Checklist, District, Finding, RectificationOrder, RectificationStatus, Review, ScoringPolicy } from '@shared/domain'
import type { Mutation, MutationRejection, PulledRectification } from '@shared/sync/protocol'
import { findingIdOf } from '../sync/mutations'

/** A finding as the device holds it: the record plus what the device knows of its journey. */
export interface LocalFinding extends Finding {
  /** 1 while a mutation of this finding waits in the outbox (indexed, so "unsynced" is one query). */
  pending: 0 | 1
  /** Set when the server rejected the last mutation: shown to the inspector to correct. */
  rejection?: MutationRejection
  /** The supervisor's reason when sent back or rejected. */
  reviewReason?: string
  /** Local time of the last change on this device, ms. */
  touchedAt: number
}

/** A photo kept on the device until the server has confirmed it has every byte. */
export interface LocalPhoto {
  sha256: string
  findingId: string
  blob: Blob
  mime: string
  size: number
  /** Bytes the server has confirmed; equals size when complete. */
  uploaded: number
  /** 1 once the server holds the whole photo and verified its hash (indexed). */
  done: 0 | 1
  /** Evidence stamp drawn into the photo, kept as data too. */
  stamp: { at: string; lat: number; lng: number; accuracy: number; inspector: string; item: string }
  createdAt: number
}

export interface OutboxEntry {
  /** The mutation id, generated on the device; the server answers a replay with its first result. */
  id: string
  /** The finding the mutation concerns (indexed since version 2). */
  findingId: string
  mutation: Mutation
  createdAt: number
  attempts: number
  /** 'pending' until answered; a rejected entry stays for the inspector to read, never silently dropped. */
  status: 'pending' | 'rejected'
  rejection?: MutationRejection
  nextAttemptAt: number
}

/**
 * A problem assignment sheet as the device holds it: the pulled sheet with its findings, the district's or the
 * inspector's own change applied on top while it waits in the outbox, and the server's last copy beside it.
 * `id`, `status`, `deadline` and `districtCode` repeat the order's, for the indexes.
 */
export interface LocalRectification extends PulledRectification {
  id: string
  status: RectificationStatus
  deadline: string
  districtCode: string
  /** The order as the server last sent it: what the sheet falls back to when the server refuses the change. */
  server: RectificationOrder
  /** 1 while a mutation of this sheet waits in the outbox (indexed). */
  pending: 0 | 1
  /** Set when the server refused the last mutation of this sheet: shown with its reason until dealt with. */
  rejection?: MutationRejection
  /** Local time of the last change on this device, ms. */
  touchedAt: number
}

/** A photo of someone else's kept for reading offline: a sheet's before-photos on the district's phone, its
 *  after-photos on the inspector's tablet. Only for sheets still being worked on; dropped when they close. */
export interface SheetPhoto {
  sha256: string
  blob: Blob
  /** Ids of the sheets that show it. */
  orderIds: string[]
  cachedAt: number
}

/** A re-inspection or planned street for the inspector. */
export interface Task {
  id: string
  kind: 'plan' | 'reinspection'
  title: string
  districtCode: string
  dueAt?: string
  status: 'open' | 'done'
  data?: unknown
}

/** Whatever the record screen holds, saved as it is typed so a reload or crash loses nothing. */
export interface Draft {
  id: string
  value: unknown
  savedAt: number
}

export interface Meta {
  key: string
  value: unknown
}

export class KaopingDb extends Dexie {
  checklists!: Table<Checklist & { key: string }, string>
  districts!: Table<District, string>
  policies!: Table<ScoringPolicy, number>
  findings!: Table<LocalFinding, string>
  reviews!: Table<Review, string>
  photos!: Table<LocalPhoto, string>
  outbox!: Table<OutboxEntry, string>
  tasks!: Table<Task, string>
  rectifications!: Table<LocalRectification, string>
  sheetPhotos!: Table<SheetPhoto, string>
  drafts!: Table<Draft, string>
  meta!: Table<Meta, string>

  constructor(name = 'kaoping') {
    super(name)
    this.version(1).stores({
      checklists: 'key, id, line',
      districts: 'code',
      policies: 'version',
      findings: 'id, status, pending, recordedAt, districtCode, inspectorId',
      reviews: 'id, findingId',
      photos: 'sha256, findingId, done',
      outbox: 'id, createdAt, status, nextAttemptAt',
      tasks: 'id, kind, status',
      drafts: 'id',
      meta: 'key',
    })
    // 2: the outbox is looked up by finding; entries written by version 1 get their finding id.
    this.version(2)
      .stores({ outbox: 'id, createdAt, status, nextAttemptAt, findingId' })
      .upgrade((tx) =>
        tx
          .table('outbox')
          .toCollection()
          .modify((e: OutboxEntry) => {
            e.findingId = findingIdOf(e.mutation)
          }),
      )
    // 3: the district's sheets and the inspector's re-inspections, and others' photos of them kept for offline.
    // Rectification mutations share the outbox: their `findingId` is the sheet's id.
    this.version(3).stores({
      rectifications: 'id, status, deadline, districtCode, pending',
      sheetPhotos: 'sha256, *orderIds, cachedAt',
    })
  }
}

export const db = new KaopingDb()

export async function getMeta<T>(key: string, table = db.meta): Promise<T | undefined> {
  return (await table.get(key))?.value as T | undefined
}

export async function setMeta(key: string, value: unknown, table = db.meta): Promise<void> {
  await table.put({ key, value })
}
