// Every error the API answers is put into the supervisor's language: codes get the feature's words, refusals
// and validation issues come in both languages from the server, a refused merge says which rule it broke.
import { describe, expect, it } from 'vitest'
import { apiProblem, describeProblem, rejectionProblem } from '../../../client/src/features/review/problems'
import messages from '../../../client/src/features/review/messages'

/** The feature's own catalogue as vue-i18n would read it: 'review.x.y' with {placeholders}. */
function words(lang: 'zh' | 'en') {
  return (key: string, values: Record<string, unknown> = {}) => {
    const path = key.replace(/^review\./, '').split('.')
    let v: unknown = messages[lang]
    for (const p of path) v = (v as Record<string, unknown>)?.[p]
    if (typeof v !== 'string') throw new Error(`no message ${key}`)
    return v.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]))
  }
}
const say = (p: ReturnType<typeof apiProblem>, lang: 'zh' | 'en') => describeProblem(p, words(lang), lang === 'en' ? 'en' : 'zh-CN')

describe('problems in the user’s language', () => {
  it('words each error code, in Chinese and in English', () => {
    const cases: [number, string, string][] = [
      [0, 'unavailable', 'review.errors.network'],
      [401, 'unauthorized', 'review.errors.signIn'],
      [403, 'forbidden', 'review.errors.forbidden'],
      [404, 'not_found', 'review.errors.notFound'],
      [409, 'conflict', 'review.errors.conflict'],
      [429, 'rate_limited', 'review.errors.rateLimited'],
      [426, 'upgrade_required', 'review.errors.upgrade'],
      [500, 'internal', 'review.errors.server'],
      [503, 'unavailable', 'review.errors.server'],
      [400, 'bad_request', 'review.errors.other'],
    ]
    for (const [status, code, key] of cases) {
      const p = apiProblem(status, { code: code as never, message: 'A finding cannot be merged into itself' })
      expect(p, code).toMatchObject({ key })
      // Both catalogues have the words, and they differ.
      expect(say(p, 'zh')).not.toBe(say(p, 'en'))
      expect(say(p, 'zh')).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(say(apiProblem(500, { code: 'internal', message: '' }), 'en')).toBe('The server failed (500): try again later.')
  })

  it('gives validation issues in both languages, field by field', () => {
    const p = apiProblem(400, {
      code: 'validation_failed',
      message: 'Invalid body',
      details: { issues: [{ field: 'reason', code: 'too_small', zh: '合并须填写理由', en: 'a reason is required to merge' }] },
    })
    expect(say(p, 'zh')).toBe('输入有误：reason 合并须填写理由')
    expect(say(p, 'en')).toBe('Invalid input: reason a reason is required to merge')
  })

  it('says which merge rule a 409 broke, from its details', () => {
    const merge = (details: Record<string, unknown>) => apiProblem(409, { code: 'conflict', message: 'x', details })
    expect(merge({ photos: 14 })).toEqual({ key: 'review.errors.merge.photos', values: { n: 14 } })
    expect(say(merge({ photos: 14 }), 'en')).toContain('14 different photos')
    expect(merge({ itemCode: 'HW-05', intoItemCode: 'HW-03' })).toEqual({ key: 'review.errors.merge.otherItem' })
    expect(merge({ districtCode: '230102', intoDistrictCode: '230103' })).toEqual({ key: 'review.errors.merge.otherDistrict' })
    expect(merge({ into: 'x', status: 'voided' })).toEqual({ key: 'review.errors.merge.targetVoid' })
    expect(merge({ into: 'x', status: 'rejected' })).toEqual({ key: 'review.errors.merge.targetRejected' })
    expect(merge({ id: 'x', status: 'voided' })).toEqual({ key: 'review.errors.merge.sourceVoid' })
  })

  it('passes a refused mutation’s own words through, with its field issues', () => {
    const p = rejectionProblem({ code: 'invalid', zh: '记录无效', en: 'invalid record', issues: [{ field: 'reason', zh: '必填', en: 'required' }] })
    expect(say(p, 'zh')).toBe('记录无效：reason 必填')
    expect(say(p, 'en')).toBe('invalid record: reason required')
  })
})
