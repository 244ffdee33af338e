// The seed checklists (考核细则), one per line, version 1 from January 2026. Items live in ./items/<line>.ts.
import type { Checklist } from '../domain/checklist.schema'
import type { Line } from '../domain/line.schema'
import { APPEARANCE_ITEMS } from './items/appearance'
import { ENFORCEMENT_ITEMS } from './items/enforcement'
import { LANDSCAPING_ITEMS } from './items/landscaping'
import { ROADS_ITEMS } from './items/roads'
import { SANITATION_ITEMS } from './items/sanitation'

/** Fixed ids, so a re-seeded database and a tablet's cache agree on which checklist a finding was scored under. */
export const SEED_CHECKLIST_IDS: Record<Line, string> = {
  sanitation: '3f6c2a1e-8b4d-4e7a-9c15-2d0b7e4a9f31',
  landscaping: '7a2e9d40-1c6b-4f83-a5d7-6e9f0b3c2a18',
  roads: 'c4b81f27-5e3a-4d96-8b02-9f7a1e6d3c54',
  appearance: '9d5e3b6a-2f71-4a0c-b8e4-1c7d6a9f2e05',
  enforcement: 'e81a7c93-4b2d-4f56-9a3e-5b0c8d1f7a62',
}

const EFFECTIVE_FROM = '2026-01'

export const SEED_CHECKLISTS: Checklist[] = [
  { id: SEED_CHECKLIST_IDS.sanitation, line: 'sanitation', name: { zh: '环卫作业考核细则', en: 'Sanitation assessment checklist' },
    version: 1, effectiveFrom: EFFECTIVE_FROM, items: SANITATION_ITEMS },
  { id: SEED_CHECKLIST_IDS.landscaping, line: 'landscaping', name: { zh: '园林绿化养护考核细则', en: 'Landscaping maintenance checklist' },
    version: 1, effectiveFrom: EFFECTIVE_FROM, items: LANDSCAPING_ITEMS },
  { id: SEED_CHECKLIST_IDS.roads, line: 'roads', name: { zh: '道桥及路灯设施养护考核细则', en: 'Roads, bridges and street lights checklist' },
    version: 1, effectiveFrom: EFFECTIVE_FROM, items: ROADS_ITEMS },
  { id: SEED_CHECKLIST_IDS.appearance, line: 'appearance', name: { zh: '市容秩序考核细则', en: 'City appearance checklist' },
    version: 1, effectiveFrom: EFFECTIVE_FROM, items: APPEARANCE_ITEMS },
  { id: SEED_CHECKLIST_IDS.enforcement, line: 'enforcement', name: { zh: '城管执法考核细则', en: 'Enforcement checklist' },
    version: 1, effectiveFrom: EFFECTIVE_FROM, items: ENFORCEMENT_ITEMS },
]
