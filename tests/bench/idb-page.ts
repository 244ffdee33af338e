// Runs in headless Chromium for idb.bench.ts: stores the same pulled findings through the app's Dexie database
// and through raw IndexedDB puts in one transaction, with the same object store and indexes.
import { KaopingDb, type LocalFinding } from '../../client/src/db/db'

const INDEXES = ['status', 'pending', 'recordedAt', 'districtCode', 'inspectorId']

async function dexie(records: LocalFinding[], name: string): Promise<number> {
  const db = new KaopingDb(name)
  await db.open()
  const t0 = performance.now()
  await db.transaction('rw', db.findings, () => db.findings.bulkPut(records))
  const ms = performance.now() - t0
  db.close()
  return ms
}

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 1)
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore('findings', { keyPath: 'id' })
      for (const i of INDEXES) store.createIndex(i, i)
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

async function raw(records: LocalFinding[], name: string): Promise<number> {
  const db = await openRaw(name)
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('findings', 'readwrite')
    const store = tx.objectStore('findings')
    for (const r of records) store.put(r)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
  const ms = performance.now() - t0
  db.close()
  return ms
}

;(window as unknown as { kaopingBench: unknown }).kaopingBench = { dexie, raw }
