// The media exposures and survey-team scores as tables for CSV and XLSX; times in the city's time zone.
import { LINE_NAMES, type MediaExposure, type Name, type SurveyScore } from '@shared/domain'
import { showThousandths } from '@shared/scoring'
import type { CsvLang } from '../scores/csv'
import { localDateTime } from '../rectification/city-time'
import type { TableColumn } from './xlsx'

const nameIn = (lang: CsvLang, n: Name | undefined) => (n ? (lang === 'en' ? n.en : n.zh) : '')

export interface MediaRow {
  m: MediaExposure
  district: Name | undefined
  enteredBy: string | null
}

export function mediaColumns(timeZone: string): TableColumn<MediaRow>[] {
  return [
    { zh: '月份', en: 'Month', value: (r) => r.m.month },
    { zh: '区划代码', en: 'District code', value: (r) => r.m.districtCode },
    { zh: '区', en: 'District', value: (r, lang) => nameIn(lang, r.district) },
    { zh: '专业', en: 'Line', value: (r, lang) => (r.m.line ? nameIn(lang, LINE_NAMES[r.m.line]) : '') },
    { zh: '媒体', en: 'Outlet', value: (r) => r.m.outlet },
    { zh: '标题', en: 'Title', value: (r) => r.m.title, width: 40 },
    { zh: '链接', en: 'URL', value: (r) => r.m.url ?? '', width: 30 },
    { zh: '发布时间', en: 'Published', value: (r) => localDateTime(r.m.publishedAt, timeZone), format: 'datetime' },
    { zh: '扣分', en: 'Deduction', value: (r) => showThousandths(r.m.deduction), format: 'points' },
    { zh: '录入人', en: 'Entered by', value: (r) => r.enteredBy ?? '' },
    { zh: '编号（系统）', en: 'Id', value: (r) => r.m.id },
  ]
}

export interface SurveyRow {
  s: SurveyScore
  district: Name | undefined
  enteredBy: string | null
}

export function surveyColumns(timeZone: string): TableColumn<SurveyRow>[] {
  return [
    { zh: '月份', en: 'Month', value: (r) => r.s.month },
    { zh: '区划代码', en: 'District code', value: (r) => r.s.districtCode },
    { zh: '区', en: 'District', value: (r, lang) => nameIn(lang, r.district) },
    { zh: '调查得分', en: 'Survey score', value: (r) => showThousandths(r.s.score), format: 'points' },
    { zh: '录入人', en: 'Entered by', value: (r) => r.enteredBy ?? '' },
    { zh: '录入时间', en: 'Entered at', value: (r) => localDateTime(r.s.enteredAt, timeZone), format: 'datetime' },
  ]
}
