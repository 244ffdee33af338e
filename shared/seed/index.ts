// Seed data: Harbin's districts, the checklists, demo users and a deterministic demo month.
export { harbinDistricts, harbinDistrictCenters } from './districts'
export { SEED_CHECKLISTS, SEED_CHECKLIST_IDS } from './checklists'
export { DEMO_PASSWORD, DEMO_USERS, DEMO_USER_IDS } from './users'
export { demoData, DEFAULT_DEMO_SEED, type DemoData } from './demo'
