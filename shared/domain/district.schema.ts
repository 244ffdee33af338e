// A district (区) under assessment, with its boundary in WGS-84.
import { z } from 'zod'
import { DistrictCode, Name } from './common.schema'

/** GeoJSON MultiPolygon coordinates: polygons → rings → [lng, lat]. */
export const MultiPolygon = z.array(z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1)).min(1)
export type MultiPolygon = z.infer<typeof MultiPolygon>

export const District = z.strictObject({
  code: DistrictCode,
  name: Name,
  /** Ranking group; districts are ranked only against their own group. */
  group: z.string().min(1).max(40),
  /** Boundary in WGS-84 (converted from the source's GCJ-02 once, at seed time). */
  boundary: MultiPolygon,
})
export type District = z.infer<typeof District>
