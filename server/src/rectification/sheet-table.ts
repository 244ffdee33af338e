// The list of sheets as a table for CSV and XLSX: one row per sheet, dates in the city's time zone.
import type { Name, RectificationOrder, RectificationStatus } from '@shared/domain'
import type { CsvLang } from '../scores/csv'
import type { TableColumn } from '../export/xlsx'
import { localDate, localDateTime } from './city-time'

export const STATUS_NAMES: Record<RectificationStatus, Name> = {
  new: { zh: '新交办', en: 'new' },
  in_progress: { zh: '整改中', en: 'in progress' },
  submitted: { zh: '已报整改', en: 'submitted' },
  verified: { zh: '核查通过', en: 'verified' },
  overdue: { zh: '逾期', en: 'overdue' },
  closed: { zh: '已办结', en: 'closed' },
}

export interface SheetRow {
  order: RectificationOrder
  district: Name | undefined
  issuer: string | null
}

const nameIn = (lang: CsvLang, n: Name | undefined) => (n ? (lang === 'en' ? n.en : n.zh) : '')

export function sheetColumns(timeZone: string): TableColumn<SheetRow>[] {
  return [
    { zh: '编号', en: 'Number', value: (r) => r.order.number, width: 22 },
    { zh: '区划代码', en: 'District code', value: (r) => r.order.districtCode },
    { zh: '区', en: 'District', value: (r, lang) => nameIn(lang, r.district) },
    { zh: '状态', en: 'Status', value: (r, lang) => nameIn(lang, STATUS_NAMES[r.order.status]) },
    { zh: '交办日期', en: 'Issued', value: (r) => localDate(r.order.issuedAt, timeZone), format: 'date' },
    { zh: '整改期限', en: 'Deadline', value: (r) => localDateTime(r.order.deadline, timeZone), format: 'datetime' },
    { zh: '问题数', en: 'Findings', value: (r) => r.order.findingIds.length, format: 'integer' },
    { zh: '整改要求', en: 'Requirements', value: (r) => r.order.requirements, width: 50 },
    { zh: '返工次数', en: 'Rework', value: (r) => r.order.reworkCount, format: 'integer' },
    { zh: '逾期轮次', en: 'Overdue rounds', value: (r) => r.order.overdueRounds.length, format: 'integer' },
    { zh: '签发人', en: 'Issued by', value: (r) => r.issuer ?? '' },
    { zh: '编号（系统）', en: 'Id', value: (r) => r.order.id },
  ]
}
