// Live change notices for supervisors' screens. In one process an in-memory emitter is enough; with
// PostgreSQL, notices travel through LISTEN/NOTIFY so that every server process hears every change.
import { EventEmitter } from 'node:events'

export interface ChangeNotice {
  entity: string
  id: string
  op: 'upsert' | 'delete'
  districtCode: string | null
  audience: string
  ownerId: string | null
}

export interface LiveBus {
  /** Announce changes that have been committed. */
  publish(notices: ChangeNotice[]): Promise<void>
  subscribe(listener: (n: ChangeNotice) => void): () => void
  close(): Promise<void>
}

export function localBus(): LiveBus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    async publish(notices) {
      for (const n of notices) emitter.emit('change', n)
    },
    subscribe(listener) {
      emitter.on('change', listener)
      return () => emitter.off('change', listener)
    },
    async close() {
      emitter.removeAllListeners()
    },
  }
}
