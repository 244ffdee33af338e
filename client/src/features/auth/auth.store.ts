// Signing in and out. The session itself lives in IndexedDB (session.ts); this store talks to /api/auth.
// Signing out keeps every record on the device: unsynced ones sync after the next sign-in.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Role } from '@shared/domain'
import type { ApiResult } from '../../api/client'
import { currentSession, deviceId, needsSignIn, saveSession, type Session, type SessionUser } from './session'
import { loginProblem, type LoginProblem } from './login-errors'

// The API client brings the sync protocol's schemas: loaded when a call is made, not with the first screen.
async function apiPost<T>(path: string, body: unknown): Promise<ApiResult<T>> {
  return (await import('../../api/client')).apiPost<T>(path, body)
}

interface LoginResponse {
  token: string
  sessionId: string
  expiresAt: string
  user: SessionUser & { role: Role }
}

export const useAuthStore = defineStore('auth', () => {
  const user = computed(() => currentSession.value?.user ?? null)
  const signedIn = computed(() => currentSession.value !== null)
  /** The re-sign-in dialog was put off ("later"); a banner offers it again. */
  const postponed = ref(false)

  /** Signs in on this device; null on success, else what went wrong. */
  async function signIn(username: string, password: string): Promise<LoginProblem | null> {
    const res = await apiPost<LoginResponse>('/auth/login', { username: username.trim(), password, deviceId: await deviceId() })
    if (!res.ok) return loginProblem(res.status, res.error)
    // The session id is kept beside the token so the user can see and revoke this device's session later.
    const session: Session & { sessionId: string } = {
      token: res.data.token,
      sessionId: res.data.sessionId,
      expiresAt: res.data.expiresAt,
      user: res.data.user,
    }
    await saveSession(session)
    return null
  }

  /** Signs in again as the same user after the token was refused; the screen underneath stays as it is. */
  async function signInAgain(password: string): Promise<LoginProblem | null> {
    const username = currentSession.value?.user.username
    if (!username) return { key: 'badCredentials' }
    return signIn(username, password)
  }

  async function signOut(): Promise<void> {
    // Best effort: offline, the server's session simply expires on its own.
    if (!needsSignIn.value) await apiPost('/auth/logout', {}).catch(() => null)
    await saveSession(null)
  }

  return { user, signedIn, needsSignIn, postponed, signIn, signInAgain, signOut }
})
