// What the record screen holds while the inspector works: plain data, saved as a draft as it changes.
import type { GeoPoint, Line } from '@shared/domain'
import type { LocalPhoto } from '../../db/db'
import type { ItemRef } from './catalog'

export type PhotoStamp = LocalPhoto['stamp']

/** A photo after compression and stamping: these bytes are the evidence, addressed by their SHA-256. */
export interface FormPhoto {
  sha256: string
  blob: Blob
  mime: string
  size: number
  stamp: PhotoStamp
}

export interface RecordForm {
  line: Line
  item: ItemRef | null
  /** As typed, so "2." or "" survive until the inspector finishes typing. */
  quantity: string
  /** Photos already attached to the finding being edited, by hash; the device may no longer hold their bytes. */
  keptPhotos: string[]
  /** Photos taken on this screen, not yet saved with a finding. */
  photos: FormPhoto[]
  /** The point the finding is recorded at (WGS-84); follows the GPS while followGps is on. */
  location: GeoPoint | null
  followGps: boolean
  /** A district chosen by hand instead of the one the point falls in; needs a reason. */
  districtOverride: string | null
  overrideReason: string
  street: string
  note: string
}

export function emptyForm(line: Line = 'sanitation', street = ''): RecordForm {
  return {
    line,
    item: null,
    quantity: '1',
    keptPhotos: [],
    photos: [],
    location: null,
    followGps: true,
    districtOverride: null,
    overrideReason: '',
    street,
    note: '',
  }
}

/** True once the inspector has put something in that a reload must not lose. */
export function isDirty(form: RecordForm, pristine: RecordForm): boolean {
  return (
    form.item?.code !== pristine.item?.code ||
    form.quantity !== pristine.quantity ||
    form.keptPhotos.join() !== pristine.keptPhotos.join() ||
    form.photos.length !== pristine.photos.length ||
    form.photos.some((p, i) => p.sha256 !== pristine.photos[i]?.sha256) ||
    // A point that merely follows the live GPS is not the inspector's input; a pinned or chosen one is.
    (!form.followGps && JSON.stringify(form.location) !== JSON.stringify(pristine.location)) ||
    form.districtOverride !== pristine.districtOverride ||
    form.overrideReason !== pristine.overrideReason ||
    form.street !== pristine.street ||
    form.note !== pristine.note
  )
}

/** Every photo hash the finding will carry, kept ones first, each once. */
export function photoHashes(form: Pick<RecordForm, 'keptPhotos' | 'photos'>): string[] {
  return [...new Set([...form.keptPhotos, ...form.photos.map((p) => p.sha256)])]
}
