// Small builders that keep the checklist item tables readable.
import type { ChecklistItem } from '../../domain/checklist.schema'

/**
 * Search keywords from pinyin written with spaces between syllables: each becomes its full pinyin and its
 * initials, `kw('la ji yi chu')` → ['lajiyichu', 'ljyc'], so an inspector can type either on the tablet.
 */
export function kw(...syllables: string[]): string[] {
  const out: string[] = []
  for (const s of syllables) {
    const parts = s.trim().split(/\s+/)
    out.push(parts.join(''), parts.map((p) => p[0]).join(''))
  }
  return [...new Set(out)]
}

/** GB/T 30428 management component (部件): 2-digit class + 2-digit subclass. */
export function component(code: string, name: string): NonNullable<ChecklistItem['gbClass']> {
  return { kind: 'component', code, name }
}

/** GB/T 30428 management event (事件): 2-digit class + 2-digit subclass. */
export function event(code: string, name: string): NonNullable<ChecklistItem['gbClass']> {
  return { kind: 'event', code, name }
}
