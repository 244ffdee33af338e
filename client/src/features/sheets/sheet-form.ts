// The issue form's rules, checked before sending so that the supervisor hears of a problem beside the field it
// concerns; they mirror the server's (server/src/rectification/issue.ts), which checks again and has the last word.
import type { FieldIssue } from '@shared/validation'
import { localToInstant } from './deadline'
import type { FindingRow, IssueBody } from './sheets-api'

export const MAX_FINDINGS = 100
export const MAX_REQUIREMENTS = 2000
export const MAX_DEADLINE_DAYS = 366

/** A finding chosen for the sheet, with the sheet it is already on (if any). */
export interface PickedFinding extends FindingRow {
  onSheet?: { id: string; number: string }
}

export interface SheetForm {
  findings: PickedFinding[]
  date: string
  time: string
  requirements: string
}

/** Where a problem shows: beside a finding, the list of findings, the deadline or the requirements. */
export type FormField = 'findings' | 'deadline' | 'requirements' | `finding:${string}` | 'form'

/** A problem found here: a message key under `sheets.form.problems` with its values. */
export interface FormIssue {
  field: FormField
  key: string
  values?: Record<string, unknown>
}

export function checkForm(form: SheetForm, now: number, timeZone: string): FormIssue[] {
  const out: FormIssue[] = []
  const f = form.findings
  if (f.length === 0) out.push({ field: 'findings', key: 'noFindings' })
  if (f.length > MAX_FINDINGS) out.push({ field: 'findings', key: 'tooMany', values: { max: MAX_FINDINGS, n: f.length } })
  const district = f[0]?.districtCode
  for (const x of f) {
    if (x.districtCode !== district) out.push({ field: `finding:${x.id}`, key: 'otherDistrict' })
    else if (x.status !== 'confirmed') out.push({ field: `finding:${x.id}`, key: 'notConfirmed', values: { status: x.status } })
    else if (x.onSheet) out.push({ field: `finding:${x.id}`, key: 'onSheet', values: { number: x.onSheet.number } })
  }
  const text = form.requirements.trim()
  if (!text) out.push({ field: 'requirements', key: 'requirementsEmpty' })
  else if (text.length > MAX_REQUIREMENTS) out.push({ field: 'requirements', key: 'requirementsTooLong', values: { max: MAX_REQUIREMENTS, n: text.length } })
  if (!form.date || !form.time) out.push({ field: 'deadline', key: 'deadlineMissing' })
  else {
    const at = localToInstant(form.date, form.time, timeZone)
    if (!at) out.push({ field: 'deadline', key: 'deadlineInvalid' })
    else if (Date.parse(at) <= now) out.push({ field: 'deadline', key: 'deadlinePast' })
    else if (Date.parse(at) - now > MAX_DEADLINE_DAYS * 86_400_000) out.push({ field: 'deadline', key: 'deadlineTooFar', values: { days: MAX_DEADLINE_DAYS } })
  }
  return out
}

/** The request for a checked form; `id` is the sheet's id, kept across retries so that a resend is answered, not doubled. */
export function issueBody(form: SheetForm, id: string, timeZone: string): IssueBody {
  const deadline = localToInstant(form.date, form.time, timeZone)
  if (!deadline) throw new RangeError('the deadline is not a time in the city: check the form first')
  return { id, findingIds: form.findings.map((f) => f.id), requirements: form.requirements.trim(), deadline }
}

/** The form field a server issue names: `findingIds[2]` is the third finding sent. */
export function fieldOf(issue: Pick<FieldIssue, 'field'>, sent: readonly string[]): FormField {
  const m = /^findingIds\[(\d+)\]/.exec(issue.field)
  if (m) {
    const id = sent[Number(m[1])]
    return id ? `finding:${id}` : 'findings'
  }
  if (issue.field === 'findingIds') return 'findings'
  if (issue.field === 'deadline' || issue.field === 'requirements') return issue.field
  return 'form'
}

/** Adds findings to the picked ones, keeping their order and leaving out those already there. */
export function addFindings(picked: readonly PickedFinding[], more: readonly PickedFinding[]): PickedFinding[] {
  const seen = new Set(picked.map((f) => f.id))
  return [...picked, ...more.filter((f) => !seen.has(f.id) && (seen.add(f.id), true))]
}

/** Findings that match a search over street, item code and item name (either language), case-insensitive. */
export function matches(f: Pick<FindingRow, 'street' | 'itemCode' | 'itemName'>, query: string): boolean {
  const q = query.trim().toLowerCase()
  if (!q) return true
  return [f.street, f.itemCode, f.itemName?.zh ?? '', f.itemName?.en ?? ''].some((s) => s.toLowerCase().includes(q))
}
