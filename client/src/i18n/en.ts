// English.
import type zh from './zh-CN'

const en: typeof zh = {
  app: { name: 'Kaoping', subtitle: 'Monthly “1+3” city-management assessment' },
  lang: { switch: '中文' },
  db: { sqlite: 'SQLite (embedded)', postgres: 'PostgreSQL' },
}
export default en
