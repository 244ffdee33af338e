// zh-CN by default; the choice of language is remembered on the device. Each feature keeps its own
// messages in features/<name>/messages.ts ({ zh, en }), merged here under the feature's name, so keys are
// `t('<name>.<key>')`. The catalogues of the first screens (sign-in, the bars, the inspector's home, sync status)
// come with the app; every other feature's are loaded once the first screen shows (loadAllMessages), and the
// router waits for them before it shows any other screen (main.ts), so no screen ever renders a bare key.
import type { Ref } from 'vue'
import { createI18n } from 'vue-i18n'
import zh from './zh-CN'
import en from './en'

export type Locale = 'zh-CN' | 'en'
const KEY = 'kaoping.locale'

type Catalogue = Record<string, unknown>
type Messages = { default: { zh: Catalogue; en: Catalogue } }

const first = import.meta.glob<Messages>('../features/{auth,home,shell,sync}/messages.ts', { eager: true })
const later = import.meta.glob<Messages>(['../features/*/messages.ts', '!../features/{auth,home,shell,sync}/messages.ts'])

const featureOf = (path: string): string => /features\/([^/]+)\/messages\.ts$/.exec(path)![1]!

function merged(base: Catalogue, lang: 'zh' | 'en'): Catalogue {
  const out: Catalogue = { ...base }
  for (const [path, mod] of Object.entries(first)) out[featureOf(path)] = mod.default[lang]
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

let all: Promise<void> | null = null

/** Every feature's messages, in both languages; loads them the first time, then resolves at once. */
export function loadAllMessages(): Promise<void> {
  all ??= Promise.all(
    Object.entries(later).map(async ([path, load]) => {
      const { zh: zhMessages, en: enMessages } = (await load()).default
      i18n.global.mergeLocaleMessage('zh-CN', { [featureOf(path)]: zhMessages })
      i18n.global.mergeLocaleMessage('en', { [featureOf(path)]: enMessages })
    }),
  ).then(
    () => undefined,
    (err: unknown) => {
      // A catalogue that failed to load is asked for again next time; the screen still opens meanwhile.
      all = null
      console.error('i18n: loading messages failed', err)
    },
  )
  return all
}

export function setLocale(locale: Locale): void {
  ;(i18n.global.locale as unknown as Ref<string>).value = locale
  localStorage.setItem(KEY, locale)
  document.documentElement.lang = locale
}
