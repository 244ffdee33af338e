import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

export default defineConfig({
  root: here('./client'),
  plugins: [vue()],
  resolve: { alias: { '@shared': here('./shared') } },
  build: { outDir: here('./dist/client'), emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  test: {
    root: here('.'),
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
