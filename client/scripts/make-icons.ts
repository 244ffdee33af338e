// Draws the app icons from one SVG: a clipboard with a tick and a location pin on the brand blue.
// "any" icons have rounded corners; maskable ones fill the square and keep the drawing inside the central safe
// circle (radius 40 % of the size) that launchers may crop to. Run: npx tsx client/scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const BRAND = '#1f5f8b'
const ACCENT = '#f2b632'
const out = fileURLToPath(new URL('../public/', import.meta.url))

/** The drawing on a 512 × 512 canvas, centred on (256, 256). */
const art = `<g transform="translate(-16 0)">
  <rect x="150" y="118" width="212" height="272" rx="24" fill="#fff"/>
  <rect x="204" y="92" width="104" height="56" rx="16" fill="${ACCENT}"/>
  <rect x="226" y="108" width="60" height="14" rx="7" fill="${BRAND}"/>
  <polyline points="192,262 238,308 322,214" fill="none" stroke="${BRAND}" stroke-width="32" stroke-linecap="round" stroke-linejoin="round"/>
  <path d="M352 300 a44 44 0 0 1 44 44 c0 32 -44 78 -44 78 s-44 -46 -44 -78 a44 44 0 0 1 44 -44 z" fill="${ACCENT}" stroke="${BRAND}" stroke-width="10"/>
  <circle cx="352" cy="344" r="15" fill="${BRAND}"/></g>`

function svg(maskable: boolean): string {
  const background = maskable ? `<rect width="512" height="512" fill="${BRAND}"/>` : `<rect width="512" height="512" rx="104" fill="${BRAND}"/>`
  // Maskable: shrink the drawing so every part stays inside the safe circle.
  const scale = maskable ? 0.84 : 0.92
  const shift = 256 * (1 - scale)
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${background}<g transform="translate(${shift} ${shift}) scale(${scale})">${art}</g></svg>`
}

mkdirSync(out, { recursive: true })
const files: [string, number, boolean][] = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-192.png', 192, true],
  ['icon-maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
]
for (const [name, size, maskable] of files) {
  await sharp(Buffer.from(svg(maskable)), { density: 72 * (size / 512) * 4 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(out + name)
  console.log(`${name} ${size}×${size}`)
}

// favicon.ico, which browsers ask for on their own: an ICO holding one 32 × 32 PNG (valid since Windows Vista).
const png32 = await sharp(Buffer.from(svg(false)), { density: 72 }).resize(32, 32).png({ compressionLevel: 9 }).toBuffer()
const header = Buffer.alloc(22)
header.writeUInt16LE(0, 0) // reserved
header.writeUInt16LE(1, 2) // type: icon
header.writeUInt16LE(1, 4) // one image
header.writeUInt8(32, 6) // width
header.writeUInt8(32, 7) // height
header.writeUInt8(0, 8) // no palette
header.writeUInt8(0, 9) // reserved
header.writeUInt16LE(1, 10) // colour planes
header.writeUInt16LE(32, 12) // bits per pixel
header.writeUInt32LE(png32.length, 14) // image size
header.writeUInt32LE(22, 18) // image offset
writeFileSync(out + 'favicon.ico', Buffer.concat([header, png32]))
console.log('favicon.ico 32×32')
