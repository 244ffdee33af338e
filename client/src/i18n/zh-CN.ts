// 简体中文（默认）：the words shared by every screen; each feature keeps its own in features/<name>/messages.ts.
export default {
  app: { name: '考评', subtitle: '城市管理“1+3”月度考核' },
  lang: { switch: 'English' },
  db: { sqlite: 'SQLite（内置）', postgres: 'PostgreSQL' },
}
