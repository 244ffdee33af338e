// People who sign in, and what their role lets them do.
import { z } from 'zod'
import { DistrictCode, Id } from './common.schema'
import { bilingual } from '../validation'

export const ROLES = ['inspector', 'supervisor', 'district', 'admin'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

export const User = z
  .strictObject({
    id: Id,
    username: z.string().regex(/^[a-z0-9_.-]{3,40}$/, bilingual('用户名为 3–40 位小写字母、数字或 _.-', 'username is 3–40 of a–z, 0–9, _ . -')),
    displayName: z.string().trim().min(1).max(60),
    role: Role,
    /** The one district a district user belongs to; absent for every other role. */
    districtCode: DistrictCode.optional(),
    active: z.boolean().default(true),
  })
  .refine((u) => (u.role === 'district') === (u.districtCode !== undefined), {
    path: ['districtCode'],
    ...bilingual('区级用户须且仅须属于一个区', 'a district user, and only a district user, belongs to a district'),
  })
export type User = z.infer<typeof User>
