// What each side's list shows and in which order: the deductions a district can still appeal by month, the
// bureau's pending appeals first, the notification queue with failures first; and refusals in the reader's language.
import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import { DEFAULT_POLICY, type Appeal } from '@shared/domain'
import appealMessages from '../../../client/src/features/appeals/messages'
import notifyMessages from '../../../client/src/features/notify/messages'
import { bureauOrder, districtOrder, type AppealView } from '../../../client/src/features/appeals/appeal-api'
import { groupCandidates, type FindingRow } from '../../../client/src/features/appeals/appeal-candidates'
import { apiErrorText } from '../../../client/src/features/appeals/api-error-text'
import { isAppealNotice } from '../../../client/src/features/appeals/appeal-live'
import { countByStatus, queueOrder, type Notice } from '../../../client/src/features/notify/notify-api'

const uuid = (n: number) => `0190f3a2-0000-7000-8000-${String(n).padStart(12, '0')}`

function finding(n: number, patch: Partial<FindingRow> = {}): FindingRow {
  return {
    id: uuid(n),
    month: '2026-11',
    line: 'sanitation',
    itemCode: 'HW-03',
    itemName: { zh: '垃圾暴露', en: 'Exposed rubbish' },
    deduction: 2000,
    street: `街 ${n}`,
    recordedAt: `2026-11-${String(n).padStart(2, '0')}T09:00:00+08:00`,
    photos: [],
    status: 'confirmed',
    ...patch,
  }
}

describe('deductions a district can appeal', () => {
  const now = Date.parse('2026-12-04T02:00:00Z')
  const policy = { ...DEFAULT_POLICY, appealWindowDays: 5 }

  it('lists confirmed ones not already appealed, newest first, for months whose window is open', () => {
    const months = groupCandidates(
      [
        { month: '2026-12', publishedAt: null, rows: [finding(1, { month: '2026-12', recordedAt: '2026-12-02T09:00:00+08:00' })] },
        { month: '2026-11', publishedAt: '2026-12-01T10:00:00+08:00', rows: [finding(3), finding(5), finding(4, { status: 'submitted' }), finding(6)] },
        { month: '2026-10', publishedAt: '2026-11-02T10:00:00+08:00', rows: [finding(7, { month: '2026-10' })] },
      ],
      [policy],
      new Set([uuid(6)]),
      now,
    )
    expect(months.map((m) => [m.month, m.window?.state, m.findings.map((f) => f.id)])).toEqual([
      ['2026-12', 'unpublished', [uuid(1)]],
      ['2026-11', 'open', [uuid(5), uuid(3)]],
      // Published on 2 November: the window closed on the 7th.
      ['2026-10', 'closed', []],
    ])
    expect(months[1]!.window).toEqual({ state: 'open', closesAt: Date.parse('2026-12-06T10:00:00+08:00'), days: 5 })
  })

  it('leaves the window to the server when the device has no policy yet or the publication could not be read', () => {
    const months = groupCandidates(
      [
        { month: '2026-11', publishedAt: '2026-12-01T10:00:00+08:00', rows: [finding(3)] },
        { month: '2026-10', publishedAt: undefined, rows: [finding(8, { month: '2026-10' })] },
      ],
      [],
      new Set(),
      now,
    )
    expect(months.map((m) => [m.window, m.findings.length])).toEqual([
      [null, 1],
      [null, 1],
    ])
    expect(groupCandidates([{ month: '2026-10', publishedAt: undefined, rows: [finding(8)] }], [policy], new Set(), now)[0]!.window).toBeNull()
  })
})

function appeal(n: number, status: Appeal['status'], filedAt: string, decidedAt?: string): AppealView {
  return {
    id: uuid(n),
    findingId: uuid(100 + n),
    districtCode: '230103',
    month: '2026-11',
    reason: 'r',
    photos: [],
    filedBy: uuid(900),
    filedAt,
    status,
    ...(decidedAt ? { decision: { by: uuid(901), at: decidedAt, note: '' } } : {}),
    finding: {
      itemCode: 'HW-03',
      itemName: { zh: '垃圾暴露', en: 'Exposed rubbish' },
      line: 'sanitation',
      deduction: 2000,
      street: '',
      recordedAt: '2026-11-20T09:00:00+08:00',
      photos: [],
      location: { lat: 45.7, lng: 126.6, accuracy: 5 },
    },
    districtName: { zh: '南岗区', en: 'Nangang' },
    filedByName: '南岗区城管局',
  }
}

describe('appeal order', () => {
  const items = [
    appeal(1, 'granted', '2026-11-21T09:00:00+08:00', '2026-11-23T09:00:00+08:00'),
    appeal(2, 'pending', '2026-11-22T09:00:00+08:00'),
    appeal(3, 'upheld', '2026-11-20T09:00:00+08:00', '2026-11-24T09:00:00+08:00'),
    // Filed earlier in absolute time (00:30Z) though later as text than 09:00+08:00 (01:00Z).
    appeal(4, 'pending', '2026-11-22T09:30:00+09:00'),
  ]

  it('puts the bureau’s pending appeals first, longest waiting on top, then the latest decisions', () => {
    expect(bureauOrder(items).map((a) => a.id)).toEqual([uuid(4), uuid(2), uuid(3), uuid(1)])
  })

  it('shows a district its newest filing first', () => {
    expect(districtOrder(items).map((a) => a.id)).toEqual([uuid(2), uuid(4), uuid(1), uuid(3)])
  })
})

describe('live notices', () => {
  it('follow changes to appeals only, and ignore what is not a notice', () => {
    expect(isAppealNotice(JSON.stringify({ entity: 'appeal', id: uuid(1), op: 'upsert', districtCode: '230103', audience: 'district', ownerId: null }))).toBe(true)
    expect(isAppealNotice(JSON.stringify({ entity: 'finding', id: uuid(1), op: 'upsert' }))).toBe(false)
    expect(isAppealNotice('not json')).toBe(false)
  })
})

describe('notification queue', () => {
  const notice = (n: number, status: Notice['status'], createdAt: string): Notice => ({
    id: uuid(n),
    districtCode: '230103',
    kind: 'sheet_issued',
    status,
    attempts: status === 'failed' ? 5 : 1,
    lastError: status === 'failed' ? 'HTTP 500' : null,
    createdAt,
    sentAt: status === 'sent' ? createdAt : null,
  })
  const items = [
    notice(1, 'sent', '2026-11-20T09:00:00+08:00'),
    notice(2, 'failed', '2026-11-19T09:00:00+08:00'),
    notice(3, 'queued', '2026-11-21T09:00:00+08:00'),
    notice(4, 'failed', '2026-11-21T09:00:00+08:00'),
    notice(5, 'sent', '2026-11-22T09:00:00+08:00'),
  ]

  it('shows failures first, then what waits, then what went, newest first in each', () => {
    expect(queueOrder(items).map((n) => n.id)).toEqual([uuid(4), uuid(2), uuid(3), uuid(5), uuid(1)])
  })

  it('counts by status', () => {
    expect(countByStatus(items)).toEqual({ queued: 1, sent: 2, failed: 2 })
  })
})

describe('refusals in the reader’s language', () => {
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { appeals: appealMessages.zh, notify: notifyMessages.zh }, en: { appeals: appealMessages.en, notify: notifyMessages.en } },
  })
  const words = (locale: 'zh-CN' | 'en') => ({
    t: (k: string, v?: Record<string, unknown>) => i18n.global.t(k, v ?? {}, { locale }),
    te: (k: string) => i18n.global.te(k, locale),
    locale,
  })
  const windowClosed = {
    code: 'conflict' as const,
    message: 'The appeal window of 2026-10 closed on 2026-11-07T02:00:00.000Z',
    details: { reason: 'window_closed' },
  }

  it('says the network is gone, not a code', () => {
    expect(apiErrorText(0, { code: 'unavailable', message: 'network unreachable' }, words('zh-CN'), 'appeals.errors')).toContain('无法连接服务器')
    expect(apiErrorText(0, { code: 'unavailable', message: 'network unreachable' }, words('en'), 'appeals.errors')).toContain('cannot be reached')
  })

  it('gives the server’s bilingual issues in the reader’s language', () => {
    const error = { code: 'validation_failed' as const, message: 'Invalid body', details: { issues: [{ field: 'photos[0]', code: 'photo_missing', zh: '证据照片尚未上传完成', en: 'photo not uploaded' }] } }
    expect(apiErrorText(400, error, words('zh-CN'), 'appeals.errors')).toBe('证据照片尚未上传完成')
    expect(apiErrorText(400, error, words('en'), 'appeals.errors')).toBe('photo not uploaded')
  })

  it('words a known reason in both languages', () => {
    expect(apiErrorText(409, windowClosed, words('zh-CN'), 'appeals.errors')).toBe('已过申诉期：该月发布后的申诉期已结束。')
    expect(apiErrorText(409, windowClosed, words('en'), 'appeals.errors')).toBe('The appeal window has closed for this month.')
  })

  it('falls back to the code’s words in Chinese and the server’s own message in English', () => {
    const error = { code: 'forbidden' as const, message: 'This needs the role district; you are signed in as supervisor' }
    expect(apiErrorText(403, error, words('zh-CN'), 'appeals.errors')).toBe('没有权限进行此操作。')
    expect(apiErrorText(403, error, words('en'), 'appeals.errors')).toBe(error.message)
    expect(apiErrorText(403, error, words('zh-CN'), 'notify.errors')).toBe('只有管理员可以管理通知。')
  })

  it('compiles every message of both screens in both languages', () => {
    const keys = (o: object, prefix: string): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v, `${prefix}.${k}`) : [`${prefix}.${k}`]))
    for (const [name, catalogue] of [['appeals', appealMessages], ['notify', notifyMessages]] as const) {
      const zhKeys = keys(catalogue.zh, name)
      expect(keys(catalogue.en, name)).toEqual(zhKeys)
      for (const key of zhKeys) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const text = words(locale).t(key, { n: 1, month: '2026-11', days: 5, published: 'x', closes: 'y', left: 2, points: '2', district: 'd', line: 'l', status: 's', note: 'n', name: 'm', time: 't', before: '1', after: '2', change: '+1', percent: 50, error: 'e', message: 'm' })
          expect(text, `${locale} ${key}`).not.toBe(key)
          expect(text, `${locale} ${key}`).not.toMatch(/\{\w+\}/)
        }
      }
    }
  })
})
