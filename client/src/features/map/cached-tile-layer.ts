// A Leaflet tile layer that reads each tile through the device's tile cache: cache first, then the network, and
// every tile fetched is kept, so streets once seen (or downloaded with "download this area") show again offline.
// A tile neither cached nor reachable is drawn as a plain grey square, never as a broken image.
//
// Each tile element carries data-tile: 'cache' | 'network' | 'direct' | 'missing', for the browser tests.
import L from 'leaflet'
import { tileUrl, type TileSettings } from './tile-settings'
import { tileStore, type TileStore } from './tile-cache'

/** A neutral 256 px square with a faint border, matching the map's plain background. */
export const PLACEHOLDER_TILE =
  'data:image/svg+xml;charset=utf-8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#e8edf1"/>' +
      '<path d="M0 .5H256M.5 0V256" stroke="#d5dce2"/></svg>',
  )

type TileSource = 'cache' | 'network' | 'direct' | 'missing'

export class CachedTileLayer extends L.TileLayer {
  private readonly template: string
  private readonly subs: string[]
  private readonly store: TileStore | null

  constructor(settings: TileSettings, store: TileStore | null = tileStore()) {
    super(settings.url, {
      attribution: settings.attribution,
      subdomains: settings.subdomains.length ? settings.subdomains : ['a'],
      maxZoom: settings.maxZoom,
      maxNativeZoom: settings.maxZoom,
    })
    this.template = settings.url
    this.subs = settings.subdomains
    this.store = store
  }

  /** The URL a tile is fetched from and cached under; the area download builds the same one. */
  override getTileUrl(coords: L.Coords): string {
    return tileUrl(this.template, { x: coords.x, y: coords.y, z: coords.z }, this.subs)
  }

  protected override createTile(coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement('img')
    img.alt = ''
    img.setAttribute('role', 'presentation')
    img.decoding = 'async'
    void this.fill(img, this.getTileUrl(coords), done)
    return img
  }

  private async fill(img: HTMLImageElement, url: string, done: L.DoneCallback): Promise<void> {
    const cached = await this.store?.get(url).catch(() => undefined)
    if (cached) return this.show(img, cached, 'cache', done)
    let res: Response | undefined
    try {
      res = await fetch(url, { mode: 'cors', credentials: 'omit' })
    } catch {
      // Offline, or a server that does not allow cross-origin reads: let the <img> try on its own. An image
      // loaded that way cannot be read back, so it is not cached (an opaque response would also cost megabytes of
      // quota each in Chromium).
      return this.direct(img, url, done)
    }
    if (!res.ok) return this.missing(img, done, new Error(`HTTP ${res.status} for ${url}`))
    const blob = await res.blob()
    void this.store?.put(url, blob).catch(() => undefined)
    this.show(img, blob, 'network', done)
  }

  /** True once Leaflet has dropped the tile (it blanks the src); a late answer must not bring it back. */
  private gone(img: HTMLImageElement): boolean {
    return img.getAttribute('src') === L.Util.emptyImageUrl
  }

  private show(img: HTMLImageElement, blob: Blob, source: TileSource, done: L.DoneCallback): void {
    if (this.gone(img)) return
    const objectUrl = URL.createObjectURL(blob)
    img.onload = () => {
      URL.revokeObjectURL(objectUrl)
      img.dataset.tile = source
      done(undefined, img)
    }
    img.onerror = () => {
      URL.revokeObjectURL(objectUrl)
      this.missing(img, done, new Error('undecodable tile'))
    }
    img.src = objectUrl
  }

  private direct(img: HTMLImageElement, url: string, done: L.DoneCallback): void {
    if (this.gone(img)) return
    img.onload = () => {
      img.dataset.tile = 'direct'
      done(undefined, img)
    }
    img.onerror = () => this.missing(img, done, new Error(`tile unavailable: ${url}`))
    img.src = url
  }

  private missing(img: HTMLImageElement, done: L.DoneCallback, error: Error): void {
    if (this.gone(img)) return
    img.onload = null
    img.onerror = null
    img.dataset.tile = 'missing'
    img.src = PLACEHOLDER_TILE
    done(error, img)
  }
}
