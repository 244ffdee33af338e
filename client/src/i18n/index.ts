// zh-CN by default; the choice of language is remembered on the device. Each feature keeps its own
// messages in features/<name>/messages.ts ({ zh, en }), merged here under the feature's name.
import type { Ref } from 'vue'
import { createI18n } from 'vue-i18n'
import zh from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'
const KEY = 'kaoping.locale'

type Catalogue = Record<string, unknown>
const features = import.meta.glob<{ default: { zh: Catalogue; en: Catalogue } }>('../features/*/messages.ts', { eager: true })

function merged(base: Catalogue, lang: 'zh' | 'en'): Catalogue {
  const out: Catalogue = { ...base }
  for (const [path, mod] of Object.entries(features)) {
    const name = /features\/([^/]+)\/messages\.ts$/.exec(path)![1]!
    out[name] = mod.default[lang]
  }
  return out
}

function initialLocale(): Locale {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN'
}

// Messages are merged at run time, so their keys are not known to the type checker.
const messages: Record<string, any> = { 'zh-CN': merged(zh, 'zh'), en: merged(en, 'en') }

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale() as string,
  fallbackLocale: 'zh-CN',
  messages,
})

export function setLocale(locale: Locale): void {
  ;(i18n.global.locale as unknown as Ref<string>).value = locale
  localStorage.setItem(KEY, locale)
  document.documentElement.lang = locale
}
