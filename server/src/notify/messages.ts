// The markdown a district's WeCom robot receives for each event of a sheet (DOMAIN.md §6: markdown ≤ 4096 bytes,
// <font color="info|comment|warning">). Written in Chinese: the group is the district's office.
import { LINE_NAMES, type Line, type RectificationOrder, type RectificationStatus, type ScoringPolicy } from '@shared/domain'
import { penaltyAmount, showThousandths } from '@shared/scoring'
import { chineseDateTime } from '../rectification/city-time'
import type { DistrictNotice } from './index'

/** WeCom refuses markdown longer than this many UTF-8 bytes. */
export const MARKDOWN_MAX_BYTES = 4096

export interface SheetFacts {
  order: RectificationOrder
  districtName: string
  /** Lines of the sheet's findings, one entry per finding. */
  findingLines: string[]
  timeZone: string
  rectification: ScoringPolicy['rectification']
}

const STATUS_ZH: Record<RectificationStatus, string> = {
  new: '待整改',
  in_progress: '整改中',
  submitted: '已提交，待复查',
  verified: '已复查',
  overdue: '已逾期',
  closed: '已销号',
}

const orange = (s: string) => `<font color="warning">${s}</font>`
const green = (s: string) => `<font color="info">${s}</font>`
const grey = (s: string) => `<font color="comment">${s}</font>`

/** User text on one line, without anything WeCom would read as markup, and not too long. */
export function plain(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '＜' : '＞')).replace(/[*`#[\]]/g, ' ').trim()
  return one.length > max ? `${one.slice(0, max - 1)}…` : one
}

function lineSummary(lines: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1)
  return [...counts].map(([l, n]) => `${LINE_NAMES[l as Line]?.zh ?? l} ${n}`).join('、')
}

function lineNames(lines: readonly string[]): string {
  return [...new Set(lines)].map((l) => LINE_NAMES[l as Line]?.zh ?? l).join('、')
}

function hoursLeft(deadline: string, now: number): string {
  const h = Math.max(0, Math.round((Date.parse(deadline) - now) / 3_600_000))
  return h < 48 ? `约 ${h} 小时` : `约 ${Math.round(h / 24)} 天`
}

/** Cuts to WeCom's byte limit on a character boundary. */
export function fitBytes(text: string, max = MARKDOWN_MAX_BYTES): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text
  let out = ''
  let bytes = 0
  for (const ch of text) {
    const b = Buffer.byteLength(ch, 'utf8')
    if (bytes + b > max - 3) break
    out += ch
    bytes += b
  }
  return `${out}…`
}

export function noticeMarkdown(n: DistrictNotice, f: SheetFacts, now: number): string {
  const o = f.order
  const deadline = chineseDateTime(o.deadline, f.timeZone)
  const head = (title: string, color: (s: string) => string) => `**${title}** ${color(o.number)}`
  const district = `> 责任区：${f.districtName}`
  const lines: string[] = []
  switch (n.kind) {
    case 'sheet_issued':
      lines.push(
        head('新问题交办单', orange),
        district,
        `> 问题：${f.findingLines.length} 条（${lineSummary(f.findingLines)}）`,
        `> 整改期限：${orange(deadline)}`,
        `> 整改要求：${plain(o.requirements, 600)}`,
        grey('请在期限前完成整改并上传整改后照片。'),
      )
      break
    case 'deadline_near':
      lines.push(
        head('整改期限临近', orange),
        district,
        `> 整改期限：${orange(deadline)}（剩余${hoursLeft(o.deadline, now)}）`,
        `> 当前状态：${STATUS_ZH[o.status] ?? o.status}`,
        grey(`逾期未整改将加扣 ${showThousandths(f.rectification.overduePenalty)} 分。`),
      )
      break
    case 'overdue': {
      const amount = penaltyAmount(n.round, f.rectification)
      lines.push(
        head('交办单逾期', orange),
        district,
        `> 整改期限：${deadline}`,
        `> 督办轮次：第 ${n.round} 轮`,
        `> 加扣：${orange(`${showThousandths(amount)} 分`)}（计入${lineNames(f.findingLines)}）`,
        grey('请尽快整改并提交整改后照片。'),
      )
      break
    }
    case 'verified':
      if (n.result === 'pass') {
        lines.push(head('复查合格', green), district, `> 复查结果：${green('合格')}，交办单已销号`)
      } else {
        const note = o.verification?.note ? [`> 不合格原因：${plain(o.verification.note, 400)}`] : []
        lines.push(
          head('复查不合格', orange),
          district,
          `> 复查结果：${orange('不合格')}，计返工（第 ${o.reworkCount} 次）`,
          ...note,
          `> 新整改期限：${orange(deadline)}`,
        )
      }
      break
  }
  return fitBytes(lines.join('\n'))
}
