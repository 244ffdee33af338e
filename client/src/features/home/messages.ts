// Words of the start page. These replace the `home` keys of the base catalogue, so the district overview's
// words live here too.
const zh = {
  districts: '考核区域',
  status: '系统状态',
  version: '版本',
  database: '数据库',
  online: '服务正常',
  offline: '无法连接服务器',
  retry: '重试',
  loading: '加载中…',
  group: '分组',
  hello: '{name}，你好',
  today: '今日任务',
  noTasks: '今天没有计划任务，可直接开始记录',
  record: '开始记录',
  recordHint: '按检查项扣分，拍照并定位',
  recordedToday: '今天已记录 {n} 条',
  myRecords: '查看我的记录',
  kind: { plan: '计划巡查', reinspection: '复查' },
  due: '截止 {time}',
  overdue: '已逾期',
}

const en: typeof zh = {
  districts: 'Districts assessed',
  status: 'System status',
  version: 'Version',
  database: 'Database',
  online: 'Server is up',
  offline: 'Cannot reach the server',
  retry: 'Retry',
  loading: 'Loading…',
  group: 'Group',
  hello: 'Hello, {name}',
  today: 'Today’s tasks',
  noTasks: 'No planned tasks today: you can start recording right away',
  record: 'Record a finding',
  recordHint: 'Deduct against a checklist item, with photos and location',
  recordedToday: '{n} recorded today',
  myRecords: 'My records',
  kind: { plan: 'Planned inspection', reinspection: 'Re-inspection' },
  due: 'Due {time}',
  overdue: 'Overdue',
}

export default { zh, en }
