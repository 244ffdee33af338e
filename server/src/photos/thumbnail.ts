// Thumbnails for the map and for lists, and the displayed size of a photo. Both follow the EXIF orientation a
// tablet's camera writes, so a photo taken upright shows upright whatever way the sensor stored its pixels.
import sharp from 'sharp'

/** The long side of a thumbnail, in pixels. */
export const THUMB_SIZE = 320

/** The key suffix under which a photo's thumbnail is kept, next to the photo. */
export const THUMB_SUFFIX = `.thumb${THUMB_SIZE}.jpg`

/** Width and height as displayed (after EXIF orientation), or null when the bytes cannot be read as an image. */
export async function displayedSize(image: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(image, { failOn: 'none' }).metadata()
    const { width, height } = meta.autoOrient ?? meta
    return width && height ? { width, height } : null
  } catch {
    return null
  }
}

/**
 * A JPEG no larger than THUMB_SIZE on its long side, turned upright, transparent areas on white, metadata
 * (EXIF, GPS) left out. Null when the bytes cannot be decoded.
 */
export async function makeThumbnail(image: Buffer): Promise<Buffer | null> {
  try {
    return await sharp(image, { failOn: 'none' })
      .rotate()
      .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 78, mozjpeg: true })
      .toBuffer()
  } catch {
    return null
  }
}
