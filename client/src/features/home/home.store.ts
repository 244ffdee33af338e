// What the start page shows: the server's health and the districts under assessment.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { District } from '@shared/domain'
import { apiGet } from '../../api/client'

interface Health {
  status: string
  version: string
  database: 'sqlite' | 'postgres'
}

export const useHomeStore = defineStore('home', () => {
  const health = ref<Health | null>(null)
  const districts = ref<District[]>([])
  const failed = ref(false)
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    const [h, d] = await Promise.all([apiGet<Health>('/health'), apiGet<{ districts: District[] }>('/districts')])
    loading.value = false
    failed.value = !h.ok || !d.ok
    health.value = h.ok ? h.data : null
    districts.value = d.ok ? d.data.districts : []
  }

  return { health, districts, failed, loading, load }
})
