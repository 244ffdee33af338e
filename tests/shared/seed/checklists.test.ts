import { describe, expect, it } from 'vitest'
import { Checklist } from '@shared/domain/checklist.schema'
import { LINES } from '@shared/domain/line.schema'
import { validate } from '@shared/validation'
import { SEED_CHECKLIST_IDS, SEED_CHECKLISTS } from '@shared/seed/checklists'

const PREFIX = { sanitation: 'HW', landscaping: 'YL', roads: 'DQ', appearance: 'SR', enforcement: 'ZF' } as const
const allItems = SEED_CHECKLISTS.flatMap((c) => c.items)

describe('seed checklists', () => {
  it.each(SEED_CHECKLISTS.map((c) => [c.line, c] as const))('%s validates against the Checklist schema', (_, c) => {
    const r = validate(Checklist, c)
    expect(r.ok ? [] : r.issues).toEqual([])
    // Parsing adds nothing: the seed already carries every default.
    expect(Checklist.parse(c)).toEqual(c)
  })

  it('has one checklist per line, version 1 from 2026-01, with its fixed id', () => {
    expect(SEED_CHECKLISTS.map((c) => c.line).sort()).toEqual([...LINES].sort())
    for (const c of SEED_CHECKLISTS) {
      expect(c.version).toBe(1)
      expect(c.effectiveFrom).toBe('2026-01')
      expect(c.id).toBe(SEED_CHECKLIST_IDS[c.line])
    }
    expect(new Set(Object.values(SEED_CHECKLIST_IDS)).size).toBe(LINES.length)
  })

  it.each(SEED_CHECKLISTS.map((c) => [c.line, c] as const))('%s has at least 15 items, coded with its prefix in sequence', (line, c) => {
    expect(c.items.length).toBeGreaterThanOrEqual(15)
    c.items.forEach((item, i) => expect(item.code).toBe(`${PREFIX[line]}-${String(i + 1).padStart(2, '0')}`))
  })

  it('has item codes unique across all checklists', () => {
    expect(new Set(allItems.map((i) => i.code)).size).toBe(allItems.length)
  })

  it('has snow-and-ice items for A, B and C streets, clearing and hauling, carriageway and sidewalk', () => {
    const snow = SEED_CHECKLISTS.find((c) => c.line === 'sanitation')!.items.map((i) => i.name.zh)
    for (const cls of ['A', 'B', 'C']) expect(snow.some((n) => n.startsWith(`${cls}类街路`) && n.includes('清出路面'))).toBe(true)
    expect(snow.some((n) => n.startsWith('A类街路') && n.includes('运出'))).toBe(true)
    expect(snow.some((n) => n.includes('露路面、见道线、无残片、路边净、无存堆'))).toBe(true)
    expect(snow.some((n) => n.includes('露道板、无冰片、无存堆'))).toBe(true)
  })

  it('keeps each cap at or above one deduction, and within the line', () => {
    for (const item of allItems) {
      if (item.unit === 'occurrence' || item.unit === 'time') expect(item.monthlyCap).toBeGreaterThanOrEqual(item.deductionPerUnit)
      expect(item.monthlyCap).toBeLessThanOrEqual(20_000)
    }
  })

  it('gives search keywords as full pinyin and initials, lower-case', () => {
    for (const item of allItems) {
      expect(item.keywords.length).toBeGreaterThanOrEqual(2)
      for (const k of item.keywords) expect(k).toMatch(/^[a-z]+$/)
    }
    const bin = allItems.find((i) => i.code === 'HW-08')!
    expect(bin.keywords).toEqual(expect.arrayContaining(['lajiyichu', 'ljyc']))
  })

  it('names GB/T 30428 classes where they fit', () => {
    const gb = (code: string) => allItems.find((i) => i.code === code)!.gbClass
    expect(gb('DQ-01')).toMatchObject({ kind: 'component', name: '雨水井盖' })
    expect(gb('DQ-10')).toMatchObject({ kind: 'component', name: '路灯' })
    expect(gb('HW-08')).toMatchObject({ kind: 'event', code: '0102', name: '暴露垃圾' })
    expect(gb('SR-09')).toMatchObject({ kind: 'event', code: '0201', name: '非法小广告' })
    expect(allItems.filter((i) => i.gbClass).length).toBeGreaterThanOrEqual(30)
  })

  it('carries the DOMAIN.md deductions for the items it quotes', () => {
    const per = (code: string) => allItems.find((i) => i.code === code)!
    expect(per('HW-01').deductionPerUnit).toBe(10_000) // area not swept −10
    expect(per('YL-02')).toMatchObject({ unit: 'm2', deductionPerUnit: 10 }) // grass > 8 cm −0.01 per m²
    expect(per('DQ-01').deductionPerUnit).toBe(2_000) // manhole cover missing −2
    expect(per('DQ-14')).toMatchObject({ unit: 'time', deductionPerUnit: 5_000 }) // lights on in daytime −5 per time
    expect(per('SR-06').deductionPerUnit).toBe(200) // shop sign damaged −0.2
  })
})
