// Colours of the charts: districts by their place in the list, lines by name. Chosen to stay apart for the
// common forms of colour blindness and to print legibly in grey.
import type { Line } from '@shared/domain'

const DISTRICTS = ['#1f5f8b', '#d97706', '#2e7d32', '#b3261e', '#6a3d9a', '#0f8b8d', '#8c564b', '#c2185b', '#5b6675']

export const colourOf = (i: number): string => DISTRICTS[i % DISTRICTS.length]!

export const LINE_COLOURS: Record<Line, string> = {
  sanitation: '#1f5f8b',
  landscaping: '#2e7d32',
  roads: '#8c564b',
  appearance: '#d97706',
  enforcement: '#6a3d9a',
}
