// The image types a photo may be, and the signature its first bytes must carry: the Content-Type a client sends
// is checked against the bytes, so a file is only ever served as the type it really is.

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

/** Bytes needed to recognise every accepted type (WebP's "RIFF····WEBP"). */
export const SIGNATURE_BYTES = 12

/** The media type named by a Content-Type header, when it is one we accept. */
export function photoType(contentType: string | undefined): PhotoType | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return (PHOTO_TYPES as readonly string[]).includes(type) ? (type as PhotoType) : null
}

/** Whether the file's first bytes (at least SIGNATURE_BYTES of them, or the whole file) are those of `type`. */
export function hasSignature(head: Uint8Array, type: PhotoType): boolean {
  const at = (offset: number, bytes: number[] | string) => {
    const want = typeof bytes === 'string' ? [...bytes].map((ch) => ch.charCodeAt(0)) : bytes
    return want.every((b, i) => head[offset + i] === b)
  }
  switch (type) {
    case 'image/jpeg':
      return at(0, [0xff, 0xd8, 0xff])
    case 'image/png':
      return at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    case 'image/webp':
      return at(0, 'RIFF') && at(8, 'WEBP')
  }
}
