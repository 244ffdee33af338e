// English.
import type zh from './zh-CN'

const en: typeof zh = {
  app: { name: 'Kaoping', subtitle: 'Monthly “1+3” city-management assessment' },
  lang: { switch: '中文' },
  home: {
    districts: 'Districts assessed',
    status: 'System status',
    version: 'Version',
    database: 'Database',
    online: 'Server is up',
    offline: 'Cannot reach the server',
    retry: 'Retry',
    loading: 'Loading…',
    group: 'Group',
  },
  db: { sqlite: 'SQLite (embedded)', postgres: 'PostgreSQL' },
}
export default en
