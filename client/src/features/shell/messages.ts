// Words of the app frame: navigation, sync status, offline and update notices.
const zh = {
  nav: { home: '首页', record: '记录', findings: '我的记录', map: '地图', status: '状态', label: '主导航' },
  sync: {
    unsynced: '{n} 条未同步，最早 {time}',
    allSynced: '全部已同步',
    lastSync: '上次同步 {time}',
    never: '尚未同步',
    syncing: '同步中…',
    now: '同步',
    stale: '已超过 {days} 天未同步，请尽快联网同步',
    rejected: '{n} 条被退回，需修改',
    updateRequired: '需要更新应用后才能同步',
    failed: '同步失败：{reason}',
    unreachable: '无法连接服务器',
  },
  offline: '离线：记录保存在本设备上，联网后同步',
  update: {
    available: '新版本已就绪',
    now: '立即更新',
    later: '稍后',
    busy: '请先完成当前记录，保存后将自动更新',
    applying: '正在更新…',
  },
  signOut: '退出',
  signOutUnsynced: '本设备还有 {n} 条记录未同步。退出后它们仍保留在本设备上，下次登录后继续同步。确定退出吗？',
  reSignIn: { banner: '登录已过期：重新输入密码后才能同步', action: '重新登录' },
  missing: { title: '此功能尚未提供', body: '当前版本还没有“{path}”页面。', home: '返回首页' },
}

const en: typeof zh = {
  nav: { home: 'Home', record: 'Record', findings: 'My records', map: 'Map', status: 'Status', label: 'Main navigation' },
  sync: {
    unsynced: '{n} unsynced since {time}',
    allSynced: 'All synced',
    lastSync: 'Last sync {time}',
    never: 'Not synced yet',
    syncing: 'Syncing…',
    now: 'Sync',
    stale: 'Unsynced for more than {days} days: sync as soon as there is a network',
    rejected: '{n} returned for correction',
    updateRequired: 'Update the app to sync',
    failed: 'Sync failed: {reason}',
    unreachable: 'cannot reach the server',
  },
  offline: 'Offline: records stay on this device and sync when a network appears',
  update: {
    available: 'A new version is ready',
    now: 'Update now',
    later: 'Later',
    busy: 'Finish the record first; the update follows once it is saved',
    applying: 'Updating…',
  },
  signOut: 'Sign out',
  signOutUnsynced:
    '{n} records on this device are not synced yet. They stay on the device after signing out and sync after the next sign-in. Sign out?',
  reSignIn: { banner: 'Your sign-in has expired: enter the password again to sync', action: 'Sign in again' },
  missing: { title: 'Not available yet', body: 'This version has no “{path}” page yet.', home: 'Back to home' },
}

export default { zh, en }
