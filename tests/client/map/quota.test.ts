import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import {
  MAX_TILES_PER_DOWNLOAD,
  TILE_BYTES_ESTIMATE,
  checkQuota,
  formatBytes,
  type QuotaVerdict,
} from '../../../client/src/features/map/download-area'
import messages from '../../../client/src/features/map/messages'

const MB = 1_000_000
const plan = (tiles: number) => ({ tiles, bytes: tiles * TILE_BYTES_ESTIMATE })

describe('checkQuota', () => {
  // 1 GB quota, 900 MB used: 100 MB free, so one download may take 50 MB = 2,000 tiles at 25 KB.
  const figures = { quota: 1000 * MB, usage: 900 * MB }

  it('allows an area within half of the free space', () => {
    expect(checkQuota(plan(2000), figures)).toEqual({ ok: true, needed: 50 * MB, free: 100 * MB, allowed: 50 * MB })
  })

  it('refuses an area over half of the free space, with the figures', () => {
    expect(checkQuota(plan(2001), figures)).toEqual({ ok: false, reason: 'quota', needed: 50_025_000, free: 100 * MB, allowed: 50 * MB })
  })

  it('refuses everything when the quota is used up', () => {
    expect(checkQuota(plan(1), { quota: 10 * MB, usage: 12 * MB })).toMatchObject({ ok: false, reason: 'quota', free: 0, allowed: 0 })
  })

  it('refuses more tiles than one download may fetch, however much room there is', () => {
    const verdict = checkQuota(plan(MAX_TILES_PER_DOWNLOAD + 1), { quota: 1e15, usage: 0 })
    expect(verdict).toEqual({ ok: false, reason: 'too_many_tiles', tiles: MAX_TILES_PER_DOWNLOAD + 1, max: MAX_TILES_PER_DOWNLOAD })
  })

  it('applies only the tile limit where the browser cannot tell the quota', () => {
    expect(checkQuota(plan(500), null)).toEqual({ ok: true, needed: 500 * TILE_BYTES_ESTIMATE, free: null, allowed: null })
  })
})

describe('the refusal as the inspector reads it', () => {
  const i18n = createI18n({
    legacy: false,
    locale: 'zh-CN',
    messages: { 'zh-CN': { map: messages.zh }, en: { map: messages.en } },
  })
  // Needs 100 MB; 120 MB free; 60 MB allowed.
  const verdict = checkQuota(plan(4000), { quota: 1000 * MB, usage: 880 * MB }) as Extract<QuotaVerdict, { reason: 'quota' }>
  const args = { needed: formatBytes(verdict.needed), free: formatBytes(verdict.free), allowed: formatBytes(verdict.allowed) }

  it('names the size needed, the free space and the share allowed, in both languages', () => {
    const zh = i18n.global.t('map.area.refusedQuota', args, { locale: 'zh-CN' })
    const en = i18n.global.t('map.area.refusedQuota', args, { locale: 'en' })
    for (const text of [zh, en]) for (const figure of ['100.0 MB', '120.0 MB', '60.0 MB']) expect(text).toContain(figure)
    expect(zh).toBe('此区域约需 100.0 MB，超过剩余空间 120.0 MB 的一半（60.0 MB）。请放大地图、缩小范围后再试。')
    expect(en).toContain('needs about 100.0 MB, more than half (60.0 MB) of the 120.0 MB still free')
  })
})

describe('formatBytes', () => {
  it('uses decimal units with one decimal', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(999)).toBe('999 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(52_428_800)).toBe('52.4 MB')
    expect(formatBytes(3.2e9)).toBe('3.2 GB')
  })
})
