// The signed-in session as the device keeps it: in IndexedDB, so the app opens and works offline after one
// online sign-in. An expired or revoked token only asks for the password again; nothing on the device is lost.
import { ref } from 'vue'
import type { Role } from '@shared/domain'
import { db, getMeta, setMeta } from '../../db/db'

export interface SessionUser {
  id: string
  username: string
  displayName: string
  role: Role
  districtCode: string | null
}

export interface Session {
  token: string
  expiresAt: string
  user: SessionUser
}

/** True when the server refused the token: the screen asks for the password and keeps everything else. */
export const needsSignIn = ref(false)
export const currentSession = ref<Session | null>(null)

export async function loadSession(): Promise<Session | null> {
  currentSession.value = (await getMeta<Session>('session')) ?? null
  return currentSession.value
}

export async function saveSession(session: Session | null): Promise<void> {
  if (session) await setMeta('session', session)
  else await db.meta.delete('session')
  currentSession.value = session
  needsSignIn.value = false
}

/** This device's id: made once, kept for the life of the installation; sessions are bound to it. */
export async function deviceId(): Promise<string> {
  const known = await getMeta<string>('deviceId')
  if (known) return known
  const made = `tab-${crypto.randomUUID()}`
  await setMeta('deviceId', made)
  return made
}
