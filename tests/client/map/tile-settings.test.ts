import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { KaopingDb } from '../../../client/src/db/db'
import {
  TILE_SETTINGS_KEY,
  clearTileSettings,
  guessDatum,
  loadTileSettings,
  parseSubdomains,
  saveTileSettings,
  tileSettingsFromEnv,
  tileSettingsProblems,
  tileUrl,
  type TileSettings,
} from '../../../client/src/features/map/tile-settings'

const AMAP: TileSettings = {
  url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
  attribution: '© 高德地图',
  subdomains: ['1', '2', '3', '4'],
  maxZoom: 18,
  datum: 'gcj02',
}
const NO_ENV = {}

const opened: KaopingDb[] = []
function freshDb(name = `map-settings-${crypto.randomUUID()}`): KaopingDb {
  const d = new KaopingDb(name)
  opened.push(d)
  return d
}
afterEach(() => {
  for (const d of opened.splice(0)) d.close()
})

describe('tile settings in db.meta', () => {
  it('are none on a new device without a build default', async () => {
    expect(await loadTileSettings(freshDb().meta, NO_ENV)).toBeNull()
  })

  it('survive closing and reopening the database', async () => {
    const name = `map-settings-${crypto.randomUUID()}`
    const first = freshDb(name)
    expect(await saveTileSettings({ ...AMAP, url: `  ${AMAP.url} ` }, first.meta)).toEqual([])
    first.close()
    const again = freshDb(name)
    expect(await loadTileSettings(again.meta, NO_ENV)).toEqual(AMAP)
    expect((await again.meta.get(TILE_SETTINGS_KEY))?.value).toEqual(AMAP)
  })

  it('refuse invalid settings and keep the previous ones', async () => {
    const d = freshDb()
    await saveTileSettings(AMAP, d.meta)
    const problems = await saveTileSettings({ ...AMAP, url: 'ftp://tiles/{z}/{x}.png', maxZoom: 40 }, d.meta)
    expect(problems).toEqual(['url_scheme', 'url_placeholders', 'max_zoom'])
    expect(await loadTileSettings(d.meta, NO_ENV)).toEqual(AMAP)
  })

  it('fall back to the build default once cleared, and the default to nothing', async () => {
    const d = freshDb()
    const env = { VITE_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', VITE_TILE_ATTRIBUTION: '© OpenStreetMap' }
    await saveTileSettings(AMAP, d.meta)
    await clearTileSettings(d.meta)
    expect(await loadTileSettings(d.meta, env)).toEqual({
      url: env.VITE_TILE_URL,
      attribution: '© OpenStreetMap',
      subdomains: [],
      maxZoom: 18,
      datum: 'wgs84',
    })
    expect(await loadTileSettings(d.meta, NO_ENV)).toBeNull()
  })

  it('ignore a stored value that is no longer valid', async () => {
    const d = freshDb()
    await d.meta.put({ key: TILE_SETTINGS_KEY, value: { url: 'nonsense' } })
    expect(await loadTileSettings(d.meta, NO_ENV)).toBeNull()
  })
})

describe('the build default (VITE_TILE_URL)', () => {
  it('guesses GCJ-02 for AMap hosts and subdomains abc for {s}, unless told', () => {
    expect(tileSettingsFromEnv({ VITE_TILE_URL: AMAP.url, VITE_TILE_SUBDOMAINS: '1234' })).toMatchObject({
      datum: 'gcj02',
      subdomains: ['1', '2', '3', '4'],
    })
    expect(tileSettingsFromEnv({ VITE_TILE_URL: 'https://{s}.tile.example/{z}/{x}/{y}.png', VITE_TILE_DATUM: 'GCJ-02', VITE_TILE_MAX_ZOOM: '17' })).toMatchObject({
      datum: 'gcj02',
      subdomains: ['a', 'b', 'c'],
      maxZoom: 17,
    })
  })

  it('offers AMap its numbered hosts and anything else Leaflet\'s abc', () => {
    expect(tileSettingsFromEnv({ VITE_TILE_URL: AMAP.url })?.subdomains).toEqual(['1', '2', '3', '4'])
    expect(tileSettingsFromEnv({ VITE_TILE_URL: 'https://{s}.tile.example/{z}/{x}/{y}.png' })?.subdomains).toEqual(['a', 'b', 'c'])
  })

  it('is ignored when unset or unusable', () => {
    expect(tileSettingsFromEnv({})).toBeNull()
    expect(tileSettingsFromEnv({ VITE_TILE_URL: '' })).toBeNull()
    expect(tileSettingsFromEnv({ VITE_TILE_URL: 'https://tiles.example/{z}/{x}.png' })).toBeNull()
  })
})

describe('tile URLs', () => {
  it('fill the template as Leaflet does: subdomain by (x + y) mod n, TMS {-y}, no retina', () => {
    const t = { x: 3488, y: 1460, z: 12 }
    expect(tileUrl('https://{s}.t.example/{z}/{x}/{y}{r}.png', t, ['a', 'b', 'c'])).toBe(`https://${['a', 'b', 'c'][(3488 + 1460) % 3]}.t.example/12/3488/1460.png`)
    expect(tileUrl('/tiles/{z}/{x}/{-y}.png', t, [])).toBe(`/tiles/12/3488/${4096 - 1 - 1460}.png`)
    expect(tileUrl(AMAP.url, t, AMAP.subdomains)).toBe(
      'https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x=3488&y=1460&z=12',
    )
  })

  it('give the same URL for the same tile every time (one cache key per tile)', () => {
    const a = tileUrl('https://{s}.t.example/{z}/{x}/{y}.png', { x: 5, y: 9, z: 4 }, ['a', 'b'])
    expect(tileUrl('https://{s}.t.example/{z}/{x}/{y}.png', { x: 5, y: 9, z: 4 }, ['a', 'b'])).toBe(a)
  })
})

describe('validation helpers', () => {
  it('accepts http(s) and same-origin templates and names each problem', () => {
    expect(tileSettingsProblems(AMAP)).toEqual([])
    expect(tileSettingsProblems({ ...AMAP, url: '/tiles/{z}/{x}/{y}.png' })).toEqual([])
    expect(tileSettingsProblems({ ...AMAP, url: 'https://t.example/{z}/{x}/{y}.png?k={apikey}' })).toEqual(['url_unknown_placeholder'])
    expect(tileSettingsProblems({ ...AMAP, subdomains: [] })).toEqual(['subdomains'])
    expect(tileSettingsProblems({ ...AMAP, datum: 'bd09' as never })).toEqual(['datum'])
  })

  it('reads subdomains as letters or as a comma list', () => {
    expect(parseSubdomains('abc')).toEqual(['a', 'b', 'c'])
    expect(parseSubdomains(' t0, t1 ,t2 ')).toEqual(['t0', 't1', 't2'])
    expect(parseSubdomains('')).toEqual([])
  })

  it('guesses the datum from well-known hosts only', () => {
    expect(guessDatum(AMAP.url)).toBe('gcj02')
    expect(guessDatum('https://rt0.map.gtimg.com/tile?z={z}&x={x}&y={-y}')).toBe('gcj02')
    expect(guessDatum('https://t0.tianditu.gov.cn/vec_w/wmts?x={x}&y={y}&l={z}')).toBe('wgs84')
    expect(guessDatum('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('wgs84')
  })
})
