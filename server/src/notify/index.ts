// WeCom notifications to districts: a message is queued inside the transaction of the action that raises it
// (queue.ts) and sent by a loop in the server (sender.ts); administrators set the robots and see the queue
// (routes/notifications.routes.ts). A district's robot key never leaves the server.
export { queueNotice, dedupeKey } from './queue'
export { startNotifier, type Notifier, type NotifierOptions } from './sender'

export type DistrictNotice =
  | { kind: 'sheet_issued'; orderId: string }
  | { kind: 'deadline_near'; orderId: string }
  | { kind: 'overdue'; orderId: string; round: number }
  | { kind: 'verified'; orderId: string; result: 'pass' | 'fail' }
