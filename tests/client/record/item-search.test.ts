import { describe, expect, it } from 'vitest'
import { SEED_CHECKLISTS } from '@shared/seed'
import { entriesOf } from '../../../client/src/features/record/catalog'
import {
  isExactCode, matchTier, normalizeQuery, pushRecent, searchItems,
} from '../../../client/src/features/record/item-search'

const entries = entriesOf(SEED_CHECKLISTS)
const codes = (q: string, opts: Parameters<typeof searchItems>[2] = {}) => searchItems(entries, q, opts).map((h) => h.item.code)

describe('item search over the seed checklists', () => {
  it('finds an item by its code however it is typed, exact code first', () => {
    for (const q of ['HW-03', 'hw03', 'hw-03', 'hw3', ' Hw 03 ']) {
      const hits = searchItems(entries, q)
      expect(hits[0].item.code, q).toBe('HW-03')
      expect(hits[0].tier, q).toBe(0)
    }
    expect(isExactCode('hw30', 'HW-03')).toBe(false)
    expect(isExactCode('hw', 'HW-03')).toBe(false)
  })

  it('finds every seed item first by its own code, and by each of its pinyin keywords', () => {
    for (const e of entries) {
      expect(codes(e.item.code.toLowerCase().replace('-', ''))[0]).toBe(e.item.code)
      for (const k of e.item.keywords) expect(codes(k), `${e.item.code} by ${k}`).toContain(e.item.code)
    }
  })

  it('lists a code prefix as the line’s items, with pinyin initials that happen to match after them', () => {
    const sanitation = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!.items.map((i) => i.code)
    const hw = codes('hw')
    expect(hw.slice(0, sanitation.length)).toEqual(sanitation)
    // 户外广告 (hwgg) items of other lines also start with "hw".
    expect(hw.slice(sanitation.length)).toEqual(expect.arrayContaining(['SR-16']))
    // "hw1" names HW-01 exactly and starts HW-10…HW-19.
    const hw1 = codes('hw1')
    expect(hw1[0]).toBe('HW-01')
    expect(hw1.slice(1).every((c) => /^HW-1\d$/.test(c))).toBe(true)
  })

  it('matches Chinese by substring of the name', () => {
    const hits = searchItems(entries, '漏扫')
    expect(hits[0].item.code).toBe('HW-03')
    for (const h of searchItems(entries, '垃圾')) {
      expect(h.item.name.zh.includes('垃圾') || h.item.gbClass?.name.includes('垃圾')).toBe(true)
    }
    expect(codes('垃圾').length).toBeGreaterThan(3)
  })

  it('matches full pinyin and initials from the keywords', () => {
    expect(codes('lousao')[0]).toBe('HW-03')
    expect(codes('lou sao')[0]).toBe('HW-03')
    expect(codes('ls')).toContain('HW-03')
    expect(codes('lajiyichu')[0]).toBe('HW-08')
    expect(codes('ljyc')).toContain('HW-08')
    expect(codes('laji')).toEqual(expect.arrayContaining(['HW-08', 'HW-10']))
  })

  it('ranks exact code, then recent items, then name matches', () => {
    const recent = ['HW-10', 'HW-07']
    const hits = searchItems(entries, '垃圾', { recent })
    expect(hits.slice(0, 2).map((h) => h.item.code)).toEqual(['HW-10', 'HW-07'])
    expect(hits.slice(0, 2).every((h) => h.tier === 1)).toBe(true)
    expect(hits.slice(2).every((h) => h.tier >= 2)).toBe(true)
    // A recent item that does not match the query is not listed.
    expect(codes('漏扫', { recent: ['HW-10'] })).not.toContain('HW-10')
    // An exact code beats a recent item.
    expect(codes('hw-03', { recent: ['HW-03', 'HW-10'] })[0]).toBe('HW-03')
  })

  it('keeps strong name matches ahead of loose ones', () => {
    const hits = searchItems(entries, 'la')
    const tiers = hits.map((h) => h.tier)
    expect([...tiers].sort((a, b) => a - b)).toEqual(tiers)
  })

  it('with no query lists the chosen line, recent first, in checklist order', () => {
    const hits = searchItems(entries, '', { line: 'sanitation', recent: ['HW-05', 'SR-01'] })
    expect(hits[0].item.code).toBe('HW-05')
    expect(hits.every((h) => h.line === 'sanitation')).toBe(true)
    expect(hits.slice(1).map((h) => h.item.code)).toEqual(
      SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!.items.map((i) => i.code).filter((c) => c !== 'HW-05'),
    )
  })

  it('puts the open line’s matches first, other lines’ after, and an exact code first wherever it is', () => {
    const code = SEED_CHECKLISTS.find((c) => c.line === 'roads')!.items[0].code
    const hits = searchItems(entries, code, { line: 'sanitation' })
    expect(hits[0].item.code).toBe(code)
    expect(hits[0].line).toBe('roads')
    expect(codes('漏扫', { line: 'roads' })).toEqual(['HW-03'])
    const lines = searchItems(entries, '垃圾', { line: 'landscaping' }).map((h) => h.line)
    const firstAway = lines.findIndex((l) => l !== 'landscaping')
    expect(firstAway).toBeGreaterThan(0)
    expect(lines.slice(firstAway).every((l) => l !== 'landscaping')).toBe(true)
  })

  it('finds nothing for nonsense and honours the limit', () => {
    expect(codes('zzzzqx')).toEqual([])
    expect(codes('', { limit: 5 })).toHaveLength(5)
    expect(matchTier(entries[0].item, '   ')).toBeNull()
  })

  it('normalizes queries and keeps a short recent list without repeats', () => {
    expect(normalizeQuery(' HW-03 ')).toBe('hw03')
    expect(normalizeQuery('la ji')).toBe('laji')
    expect(pushRecent(['A-01', 'B-02', 'C-03'], 'B-02')).toEqual(['B-02', 'A-01', 'C-03'])
    expect(pushRecent(Array.from({ length: 12 }, (_, i) => `X-${i}`), 'Y-1', 12)).toHaveLength(12)
  })
})
