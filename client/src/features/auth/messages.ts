// Words of signing in, signing in again, and what the server said when it refused.
const zh = {
  title: '登录',
  intro: '考核员、督查、区级用户和管理员使用同一入口',
  username: '用户名',
  password: '密码',
  submit: '登录',
  busy: '正在登录…',
  offlineHint: '当前离线：首次使用需要联网登录一次，之后可离线使用',
  errors: {
    badCredentials: '用户名或密码错误',
    disabled: '该账号已停用，请联系管理员',
    rateLimited: '失败次数过多，请 {minutes} 分钟后再试',
    network: '需要联网登录一次',
    other: '登录失败：{message}',
  },
  again: {
    title: '请重新登录',
    body: '登录已过期。输入密码后继续；本设备上的草稿和未同步记录都会保留。',
    user: '用户：{name}（{username}）',
    later: '稍后',
  },
}

const en: typeof zh = {
  title: 'Sign in',
  intro: 'One entrance for inspectors, supervisors, district users and administrators',
  username: 'User name',
  password: 'Password',
  submit: 'Sign in',
  busy: 'Signing in…',
  offlineHint: 'Offline: sign in once while online; after that the app works offline',
  errors: {
    badCredentials: 'Wrong user name or password',
    disabled: 'This account is disabled: ask an administrator',
    rateLimited: 'Too many failed attempts: try again in {minutes} min',
    network: 'Sign in once while online',
    other: 'Sign-in failed: {message}',
  },
  again: {
    title: 'Sign in again',
    body: 'Your sign-in has expired. Enter your password to continue; drafts and unsynced records on this device are kept.',
    user: 'User: {name} ({username})',
    later: 'Later',
  },
}

export default { zh, en }
