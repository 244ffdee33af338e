// /api/appeals: appeals (申诉) against deductions. A district user files one for a deduction of their own
// district and reads their district's; the bureau reads all and decides. Both sides see the decision, who made it
// and, for a grant, its effect on the score. Every change is in the change log and announced live.
import { Hono } from 'hono'
import { z } from 'zod'
import { AppealDecisionRequest, AppealRequest, AppealStatus, DistrictCode, Id, Month } from '@shared/domain'
import type { AppEnv } from '../app'
import { allow, assertDistrict, authenticate } from '../auth/middleware'
import { ApiError } from '../http/api-error'
import { check, parseJson, parseQuery } from '../http/validate'
import { bureauAndDistricts, districtScope } from '../rectification/access'
import { listAppealViews } from '../appeals/appeals.repo'
import { decideAppeal } from '../appeals/decide'
import { fileAppeal } from '../appeals/file'

// Not strict: the session may ride in the query string.
const ListQuery = z.object({ status: AppealStatus.optional(), month: Month.optional(), district: DistrictCode.optional() })
const IdPath = z.strictObject({ id: Id })
const readers = bureauAndDistricts('Appeals')

export const appealRoutes = new Hono<AppEnv>()
  .use(authenticate)
  .post('/', allow('district'), async (c) => {
    const req = await parseJson(c, AppealRequest)
    const { appeal, created, notices } = await fileAppeal(c.var.db, c.var.user!, req)
    if (notices.length) await c.var.bus.publish(notices)
    return c.json(appeal, created ? 201 : 200)
  })
  .get('/', readers, async (c) => {
    const q = parseQuery(c, ListQuery)
    const districtCode = districtScope(c.var.user!, q.district)
    return c.json({ items: await listAppealViews(c.var.db.kysely, { status: q.status, month: q.month, districtCode }) })
  })
  .get('/:id', readers, async (c) => {
    const { id } = check(IdPath, c.req.param(), 'path')
    const [view] = await listAppealViews(c.var.db.kysely, { id })
    if (!view) throw new ApiError('not_found', `There is no appeal ${id}`, { id })
    assertDistrict(c.var.user!, view.districtCode)
    return c.json(view)
  })
  .post('/:id/decision', allow('supervisor', 'admin'), async (c) => {
    const { id } = check(IdPath, c.req.param(), 'path')
    const req = await parseJson(c, AppealDecisionRequest)
    const { appeal, notices } = await decideAppeal(c.var.db, c.var.user!, id, req)
    if (notices.length) await c.var.bus.publish(notices)
    return c.json(appeal)
  })
