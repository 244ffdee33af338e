// Where the map's base tiles come from: a URL template, its attribution, subdomains, maximum zoom and the datum the
// tiles are drawn in. Kept on the device in db.meta ('tileSettings'); a build may give a default through
// VITE_TILE_URL (and optionally VITE_TILE_ATTRIBUTION, VITE_TILE_SUBDOMAINS, VITE_TILE_MAX_ZOOM, VITE_TILE_DATUM).
// With neither, the map draws boundaries and findings on a plain background and asks for a URL.
import { db, getMeta, setMeta } from '../../db/db'

/** 'gcj02': most Chinese providers (AMap/Gaode, Tencent); 'wgs84': OpenStreetMap-style servers, Tianditu (CGCS2000). */
export type TileDatum = 'wgs84' | 'gcj02'

export interface TileSettings {
  /** Template with {z}, {x}, {y} (or {-y} for TMS), optionally {s} and {r}, e.g. https://{s}.tile.example/{z}/{x}/{y}.png */
  url: string
  attribution: string
  /** Values substituted for {s}, e.g. ['a', 'b', 'c']. */
  subdomains: string[]
  maxZoom: number
  datum: TileDatum
}

export const TILE_SETTINGS_KEY = 'tileSettings'
export const DEFAULT_MAX_ZOOM = 18

export type TileSettingsProblem = 'url_scheme' | 'url_placeholders' | 'url_unknown_placeholder' | 'subdomains' | 'max_zoom' | 'datum'

const KNOWN_PLACEHOLDERS = new Set(['s', 'z', 'x', 'y', '-y', 'r'])

/** Every problem with a settings value; empty when it can be used. */
export function tileSettingsProblems(s: TileSettings): TileSettingsProblem[] {
  const problems: TileSettingsProblem[] = []
  const url = s.url.trim()
  if (!/^(https?:\/\/[^/\s]+|\/)[^\s]*$/i.test(url)) problems.push('url_scheme')
  const placeholders = [...url.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!)
  const has = (p: string) => placeholders.includes(p)
  if (!has('z') || !has('x') || !(has('y') || has('-y'))) problems.push('url_placeholders')
  if (placeholders.some((p) => !KNOWN_PLACEHOLDERS.has(p))) problems.push('url_unknown_placeholder')
  if (has('s') && (s.subdomains.length === 0 || s.subdomains.some((d) => !/^[\w.-]+$/.test(d)))) problems.push('subdomains')
  if (!Number.isInteger(s.maxZoom) || s.maxZoom < 1 || s.maxZoom > 22) problems.push('max_zoom')
  if (s.datum !== 'wgs84' && s.datum !== 'gcj02') problems.push('datum')
  return problems
}

/** "abc" → ['a','b','c']; "t0, t1" → ['t0','t1'] (Leaflet's own reading of a subdomain string, plus commas). */
export function parseSubdomains(text: string): string[] {
  const t = text.trim()
  if (!t) return []
  return t.includes(',') ? t.split(',').map((s) => s.trim()).filter(Boolean) : [...t.replace(/\s+/g, '')]
}

/**
 * A guess of the datum from the tile host, used only to preselect the form: AMap/Gaode, Tencent, Google China and
 * GeoQ serve GCJ-02; anything else is taken as WGS-84. The person configuring the URL has the last word.
 */
export function guessDatum(url: string): TileDatum {
  return /(autonavi\.com|amap\.com|gtimg\.com|map\.qq\.com|google\.cn|geoq\.cn)/i.test(url) ? 'gcj02' : 'wgs84'
}

/** Subdomains to offer for a template with {s}: AMap numbers its hosts 1–4; anything else gets Leaflet's 'abc'. */
export function guessSubdomains(url: string): string {
  return /autonavi\.com/i.test(url) ? '1234' : 'abc'
}

/** Leaflet's choice of subdomain for a tile, so a tile has one URL whether it was visited or downloaded. */
export function subdomainFor(x: number, y: number, subdomains: readonly string[]): string {
  return subdomains.length ? subdomains[Math.abs(x + y) % subdomains.length]! : ''
}

/** The URL of one tile, as Leaflet builds it from the same template ({r} is always empty: no retina tiles). */
export function tileUrl(template: string, t: { x: number; y: number; z: number }, subdomains: readonly string[]): string {
  const values: Record<string, string> = {
    s: subdomainFor(t.x, t.y, subdomains),
    z: String(t.z),
    x: String(t.x),
    y: String(t.y),
    '-y': String(2 ** t.z - 1 - t.y),
    r: '',
  }
  return template.replace(/\{([^}]*)\}/g, (whole, key: string) => values[key] ?? whole)
}

type Env = Record<string, string | boolean | undefined>

/** The build's default tile source, or null when VITE_TILE_URL is unset or unusable. */
export function tileSettingsFromEnv(env: Env = import.meta.env): TileSettings | null {
  const url = typeof env.VITE_TILE_URL === 'string' ? env.VITE_TILE_URL.trim() : ''
  if (!url) return null
  const text = (k: string) => (typeof env[k] === 'string' ? (env[k] as string).trim() : '')
  const datum = text('VITE_TILE_DATUM').toLowerCase().replace(/[^a-z0-9]/g, '')
  const settings: TileSettings = {
    url,
    attribution: text('VITE_TILE_ATTRIBUTION'),
    subdomains: parseSubdomains(text('VITE_TILE_SUBDOMAINS') || (url.includes('{s}') ? guessSubdomains(url) : '')),
    maxZoom: Number(text('VITE_TILE_MAX_ZOOM') || DEFAULT_MAX_ZOOM),
    datum: datum === 'gcj02' || datum === 'wgs84' ? datum : guessDatum(url),
  }
  return tileSettingsProblems(settings).length ? null : settings
}

function normalised(s: TileSettings): TileSettings {
  return {
    url: s.url.trim(),
    attribution: s.attribution.trim(),
    subdomains: [...s.subdomains],
    maxZoom: s.maxZoom,
    datum: s.datum,
  }
}

/** The settings in force: the device's own if saved and valid, else the build's default, else null. */
export async function loadTileSettings(table = db.meta, env: Env = import.meta.env): Promise<TileSettings | null> {
  const stored = await getMeta<TileSettings>(TILE_SETTINGS_KEY, table)
  if (stored && typeof stored === 'object' && tileSettingsProblems(stored).length === 0) return normalised(stored)
  return tileSettingsFromEnv(env)
}

/** Saves valid settings; returns the problems instead when there are any, and saves nothing. */
export async function saveTileSettings(s: TileSettings, table = db.meta): Promise<TileSettingsProblem[]> {
  const value = normalised(s)
  const problems = tileSettingsProblems(value)
  if (problems.length === 0) await setMeta(TILE_SETTINGS_KEY, value, table)
  return problems
}

/** Forgets the device's settings; the build's default (if any) applies again. Cached tiles are kept. */
export async function clearTileSettings(table = db.meta): Promise<void> {
  await table.delete(TILE_SETTINGS_KEY)
}
