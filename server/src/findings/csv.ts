// The findings list as CSV for a spreadsheet, in the scores tables' format (scores/csv.ts).
import { LINE_NAMES, type Line } from '@shared/domain'
import { toCsv, type Column, type CsvLang } from '../scores/csv'
import { points } from './explain'
import type { FindingListRow } from './list'

const STATUS_NAMES: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '待审核', en: 'submitted' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  rejected: { zh: '已驳回', en: 'rejected' },
  sent_back: { zh: '已退回', en: 'sent back' },
  voided: { zh: '已作废', en: 'void' },
}

const word = (w: { zh: string; en: string } | undefined, lang: CsvLang, fallback: string) => (w ? (lang === 'en' ? w.en : w.zh) : fallback)
const yesNo = (v: boolean, lang: CsvLang) => (lang === 'en' ? (v ? 'yes' : 'no') : v ? '是' : '否')

const COLUMNS: Column<FindingListRow>[] = [
  { zh: '编号', en: 'ID', value: (r) => r.id },
  { zh: '记录时间', en: 'Recorded at', value: (r) => r.recordedAt },
  { zh: '月份', en: 'Month', value: (r) => r.month },
  { zh: '区划代码', en: 'District code', value: (r) => r.districtCode },
  { zh: '专业', en: 'Line', value: (r, lang) => word(LINE_NAMES[r.line as Line], lang, r.line) },
  { zh: '条目编码', en: 'Item code', value: (r) => r.itemCode },
  { zh: '条目', en: 'Item', value: (r, lang) => word(r.itemName ?? undefined, lang, '') },
  { zh: '数量', en: 'Quantity', value: (r) => r.quantity },
  { zh: '扣分', en: 'Deduction', value: (r) => points(r.deduction) },
  { zh: '状态', en: 'Status', value: (r, lang) => word(STATUS_NAMES[r.status], lang, r.status) },
  { zh: '考核员', en: 'Inspector', value: (r) => r.inspectorName },
  { zh: '街道', en: 'Street', value: (r) => r.street },
  { zh: '纬度', en: 'Latitude', value: (r) => r.lat },
  { zh: '经度', en: 'Longitude', value: (r) => r.lng },
  { zh: '定位精度（米）', en: 'Accuracy (m)', value: (r) => r.accuracy },
  { zh: '照片数', en: 'Photos', value: (r) => r.photos.length },
  { zh: '已到照片数', en: 'Photos arrived', value: (r) => r.photosArrived },
  { zh: '待复审', en: 'Needs re-review', value: (r, lang) => yesNo(r.needsRereview, lang) },
  { zh: '时钟偏差', en: 'Clock skew', value: (r, lang) => yesNo(r.clockSkewFlag, lang) },
  { zh: '疑似重复', en: 'Possible duplicate', value: (r, lang) => yesNo(r.possibleDuplicate, lang) },
]

export const findingsCsv = (rows: readonly FindingListRow[], lang: CsvLang): string => toCsv(COLUMNS, rows, lang)
