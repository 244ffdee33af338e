import { existsSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * `npm start` rebuilds the client when dist/client/index.html is older than the sources. The service worker is
 * written seconds after index.html, so until then index.html carries an old time: a build cut short, or one
 * still running, never passes for a finished one that lacks its worker.
 */
function indexHtmlLast(): Plugin {
  let index = ''
  const touch = (at: Date) => existsSync(index) && utimesSync(index, at, at)
  return {
    name: 'kaoping:index-html-last',
    apply: 'build',
    configResolved: (config) => void (index = join(config.build.outDir, 'index.html')),
    writeBundle: () => void touch(new Date(0)),
    closeBundle: { sequential: true, order: 'post', handler: () => void touch(new Date()) },
  }
}

export default defineConfig(({ command }) => ({
  root: here('./client'),
  // Every built bundle registers the service worker, the dev server's never. Not import.meta.env.PROD: that
  // follows NODE_ENV, which a test runner sets to "test" for the server it starts, and a build made there must
  // behave as the one `npm start` makes.
  define: {
    __SERVICE_WORKER__: JSON.stringify(command === 'build'),
    // vue-i18n runs in composition mode only (client/src/i18n): its legacy API stays out of the bundle.
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  plugins: [
    vue(),
    // The installable app: our own service worker (client/src/sw) gets the precache list of the built shell
    // injected; the page registers it with workbox-window (client/src/features/shell/app-update.ts).
    VitePWA({
      strategies: 'injectManifest',
      // The worker is built lean (no Workbox debug logging) whatever NODE_ENV the build runs under.
      mode: 'production',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['apple-touch-icon.png', 'favicon.ico'],
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,ico,svg,woff2,webmanifest}'],
        // The bundle carries the district boundaries; one file above 2 MiB must not silently drop out of the shell.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        // A classic script: registered without { type: 'module' }, which older tablet browsers lack.
        rollupFormat: 'iife',
      },
      manifest: {
        id: '/',
        name: '考评 Kaoping',
        short_name: '考评',
        description: '城市管理“1+3”月度考核：离线巡查记录、审核与评分',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#1f5f8b',
        background_color: '#f4f6f8',
        categories: ['productivity', 'government'],
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      // The worker runs only in builds (`npm start`); `npm run dev` serves the page without it.
      devOptions: { enabled: false, type: 'module' },
    }),
    indexHtmlLast(),
  ],
  resolve: { alias: { '@shared': here('./shared') } },
  build: {
    outDir: here('./dist/client'),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own, so an app update leaves them cached and a screen that needs one of
        // them does not pull another along. Vue, vue-i18n and Dexie open every screen; Zod and Leaflet come with
        // the screens and the sync engine that use them.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia)[\\/]/, priority: 3 },
            { name: 'vue-i18n', test: /[\\/]node_modules[\\/](vue-i18n|@intlify)[\\/]/, priority: 3 },
            { name: 'dexie', test: /[\\/]node_modules[\\/]dexie[\\/]/, priority: 3 },
            { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 3 },
            { name: 'leaflet', test: /[\\/]node_modules[\\/]leaflet[\\/]/, priority: 3 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  test: {
    root: here('.'),
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}))
