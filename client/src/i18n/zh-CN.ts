// 简体中文（默认）。
export default {
  app: { name: '考评', subtitle: '城市管理“1+3”月度考核' },
  lang: { switch: 'English' },
  home: {
    districts: '考核区域',
    status: '系统状态',
    version: '版本',
    database: '数据库',
    online: '服务正常',
    offline: '无法连接服务器',
    retry: '重试',
    loading: '加载中…',
    group: '分组',
  },
  db: { sqlite: 'SQLite（内置）', postgres: 'PostgreSQL' },
}
