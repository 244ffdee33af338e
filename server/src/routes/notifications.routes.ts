// /api/notifications: the districts' WeCom robots and the queue of messages to them, for administrators only.
// A robot's key is written here and never read back by any route: whoever has it can post to the group.
import { Hono } from 'hono'
import { z } from 'zod'
import { DistrictCode, Id } from '@shared/domain'
import { bilingual } from '@shared/validation'
import type { AppEnv } from '../app'
import { allow, authenticate } from '../auth/middleware'
import { check, parseJson, parseQuery } from '../http/validate'
import { deleteHook, listHooks, listItems, retryItem, robotKey, setHook } from '../notify/admin'

const CodePath = z.strictObject({ code: DistrictCode })
const IdPath = z.strictObject({ id: Id })
export const HookBody = z.strictObject({
  key: z
    .string()
    .max(500)
    .refine((v) => robotKey(v) !== undefined, bilingual('机器人 key 格式不正确：填写 webhook 地址中 key= 后的部分，或整个地址', 'not a robot key: give the part after key= of the webhook URL, or the whole URL')),
})
// Not strict: the session may ride in the query string.
const ListQuery = z.object({
  status: z.enum(['queued', 'sent', 'failed']).optional(),
  district: DistrictCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
})

export const notificationRoutes = new Hono<AppEnv>()
  .use(authenticate, allow('admin'))
  .get('/', async (c) => {
    const q = parseQuery(c, ListQuery)
    const db = c.var.db.kysely
    return c.json({ hooks: (await listHooks(db)).map(({ districtCode, districtName, configured }) => ({ districtCode, districtName, configured })), items: await listItems(db, q) })
  })
  .put('/hooks/:code', async (c) => {
    const { code } = check(CodePath, c.req.param(), 'path')
    const { key } = await parseJson(c, HookBody)
    return c.json(await setHook(c.var.db.kysely, code, robotKey(key)!, c.var.user!.id, new Date().toISOString()))
  })
  .delete('/hooks/:code', async (c) => {
    const { code } = check(CodePath, c.req.param(), 'path')
    return c.json(await deleteHook(c.var.db.kysely, code))
  })
  .post('/:id/retry', async (c) => {
    const { id } = check(IdPath, c.req.param(), 'path')
    return c.json(await retryItem(c.var.db.kysely, id, Date.now()))
  })
