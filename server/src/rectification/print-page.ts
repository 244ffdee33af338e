// The printable sheet (问题交办单): one self-contained A4 HTML page with the number, the district, the dates in the
// city's time zone, the requirements, the findings with their photos, a map excerpt and the signature lines.
// Everything written into the page is escaped; the page loads nothing but the findings' thumbnails (same origin).
import { showThousandths } from '@shared/scoring'
import type { MultiPolygon } from '@shared/domain'
import { chineseDate, chineseDateTime } from './city-time'
import { districtMapSvg } from './map-svg'
import type { SheetDetail } from './sheet-detail'

export interface PrintOptions {
  timeZone: string
  boundary: MultiPolygon
  /** Appended to each thumbnail URL: the session's query credentials when the page itself was opened with them. */
  photoQuery: string
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

/** 2000 → "2", 500 → "0.5": thousandths of a point as a sheet writes them. */
export const pointsText = (thousandths: number) => showThousandths(thousandths).replace(/\.?0+$/, '')

const STYLE = `
@page { size: A4; margin: 16mm 15mm 18mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font: 11pt/1.5 "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; color: #000; background: #fff; }
main { max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 22pt; letter-spacing: 0.4em; text-align: center; margin: 0 0 2mm; color: #b00; }
.number { text-align: center; margin: 0 0 5mm; }
hr.rule { border: 0; border-top: 2px solid #b00; margin: 0 0 5mm; }
h2 { font-size: 12pt; margin: 5mm 0 2mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #444; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
th { background: #f2f2f2; font-weight: bold; }
.meta th { width: 22mm; white-space: nowrap; }
.deadline { font-weight: bold; color: #b00; }
.requirements { white-space: pre-wrap; border: 1px solid #444; padding: 2mm 3mm; min-height: 16mm; margin: 0; }
.findings { table-layout: fixed; }
.findings th { white-space: nowrap; }
.findings col.n { width: 11mm; } .findings col.item { width: 46mm; } .findings col.where { width: 34mm; } .findings col.d { width: 13mm; }
.findings td.n, .findings td.d { text-align: center; }
.photos img { width: 24mm; height: 18mm; object-fit: cover; margin: 0 1mm 1mm 0; border: 1px solid #999; vertical-align: top; }
.photos .none { color: #666; }
tr, .map, .signatures { break-inside: avoid; page-break-inside: avoid; }
.map svg { width: 100%; height: auto; display: block; }
.caption { font-size: 9pt; color: #444; margin: 1mm 0 0; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 10mm; margin-top: 10mm; }
.signatures p { margin: 0; }
.line { display: inline-block; min-width: 45mm; border-bottom: 1px solid #000; }
@media screen { body { background: #eee; } main { max-width: 210mm; background: #fff; padding: 12mm 15mm; margin: 8mm auto; box-shadow: 0 1px 6px rgba(0,0,0,.2); } }
`

function findingRows(detail: SheetDetail, photoQuery: string): string {
  return detail.findings
    .map((f, i) => {
      const photos = f.photos.length
        ? f.photos.map((h, k) => `<img src="/api/photos/${esc(h)}/thumb${esc(photoQuery)}" alt="问题 ${i + 1} 照片 ${k + 1}">`).join('')
        : '<span class="none">（无照片）</span>'
      const note = f.note ? `<br><small>${esc(f.note)}</small>` : ''
      return (
        `<tr><td class="n">${i + 1}</td>` +
        `<td>${esc(f.itemName.zh)}<br><small>${esc(f.lineName.zh)} · ${esc(f.itemCode)}</small>${note}</td>` +
        `<td>${esc(f.street)}<br><small>${f.location.lat.toFixed(5)}, ${f.location.lng.toFixed(5)}</small></td>` +
        `<td class="d">${pointsText(f.deduction)}</td>` +
        `<td class="photos">${photos}</td></tr>`
      )
    })
    .join('')
}

export function printPage(detail: SheetDetail, opts: PrintOptions): string {
  const { order, district } = detail
  const tz = opts.timeZone
  const total = detail.findings.reduce((s, f) => s + f.deduction, 0)
  const map = districtMapSvg(
    opts.boundary,
    detail.findings.map((f, i) => ({ lat: f.location.lat, lng: f.location.lng, label: String(i + 1) })),
    undefined,
    `${district.name.zh}问题位置示意图`,
  )
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>问题交办单 ${esc(order.number)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>问题交办单</h1>
<p class="number">${esc(order.number)}</p>
<hr class="rule">
<table class="meta">
<tr><th>承办单位</th><td>${esc(district.name.zh)}（${esc(district.code)}）</td><th>交办日期</th><td>${chineseDate(order.issuedAt, tz)}</td></tr>
<tr><th>整改期限</th><td class="deadline" colspan="3">${chineseDateTime(order.deadline, tz)} 前</td></tr>
<tr><th>问题数量</th><td>${detail.findings.length} 处，合计扣 ${pointsText(total)} 分</td><th>签发</th><td>${esc(detail.issuedBy.displayName ?? '')}</td></tr>
</table>
<h2>整改要求</h2>
<p class="requirements">${esc(order.requirements)}</p>
<h2>问题清单</h2>
<table class="findings">
<colgroup><col class="n"><col class="item"><col class="where"><col class="d"><col></colgroup>
<thead><tr><th>序号</th><th>问题（考核条目）</th><th>位置</th><th>扣分</th><th>现场照片</th></tr></thead>
<tbody>${findingRows(detail, opts.photoQuery)}</tbody>
</table>
<h2>位置示意图</h2>
<div class="map">${map}
<p class="caption">红点为问题位置，编号同问题清单；底图为${esc(district.name.zh)}行政区界（WGS-84）。</p></div>
<p>请于整改期限前完成整改，并上传整改后照片。逾期未整改的，按考核办法另行扣分；再次督办仍逾期的，扣分加倍。</p>
<section class="signatures">
<p>签发人：<span class="line"></span></p><p>签发日期：<span class="line"></span></p>
<p>接收单位（盖章）：<span class="line"></span></p><p>接收人：<span class="line"></span></p>
<p>签收日期：<span class="line"></span></p><p>联系电话：<span class="line"></span></p>
</section>
</main>
</body>
</html>
`
}
