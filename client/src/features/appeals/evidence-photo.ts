// A camera photo to appeal evidence, with the record screen's own processing: upright, scaled to the configured
// long side, JPEG, hashed, and stamped with when, that it is appeal evidence, who filed it and against which item.
// Runs on the main thread: a district's clerk attaches a few photos, not a day's worth.
import { processImage } from '../record/photo-process'
import { JPEG_QUALITY, photoMaxSide } from '../record/photo'
import { stampTime } from '../record/stamp'
import type { EvidencePhoto } from './appeal-request'

export interface EvidenceStamp {
  /** Who files the appeal: the district user's name. */
  who: string
  /** The appealed item, "HW-03 道路清扫不净". */
  item: string
  timeZone: string
  at?: string
}

export function evidenceLines(s: EvidenceStamp): string[] {
  return [stampTime(s.at ?? new Date().toISOString(), s.timeZone), '申诉证据 Appeal evidence', s.who, s.item]
}

export async function processEvidence(file: Blob, stamp: EvidenceStamp): Promise<EvidencePhoto> {
  const r = await processImage({ blob: file, maxSide: await photoMaxSide(), quality: JPEG_QUALITY, lines: evidenceLines(stamp) })
  return { sha256: r.sha256, blob: r.blob, mime: r.mime, size: r.size }
}
