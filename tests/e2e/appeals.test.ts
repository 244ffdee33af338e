// Appeals (申诉) and the districts' robots in headless Chromium against the real server. Prepared through the API: an
// inspector's finding in 南岗区 this month with its photo, confirmed by the supervisor. Then in the browser: the
// district's clerk, on a phone, writes an appeal (kept across a reload, held back while offline) and files it with
// an evidence photo; the supervisor, at 1280×800, sees it arrive live with the finding's photo beside the evidence
// and grants it; the clerk sees the decision. Through the API: the district's composite moved by exactly what the
// removed deduction weighs, and the effect recorded says the same. Last, the administrator sets a robot's key and
// it shows configured, the key never shown back.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY, type Appeal } from '@shared/domain'
import { DEMO_USER_IDS } from '@shared/seed'
import { Rational } from '@shared/scoring'
import { monthOf } from '@shared/time'
import { HAS_BROWSER, launchBrowser } from '../support/browser'
import { apiCaller, signedInPage, type Caller } from '../support/e2e-api'
import { finding as fixtureFinding } from '../support/fixtures'
import { startServerProcess, type ServerProcess } from '../support/server-process'

const NANGANG = '230103'
const ROBOT_KEY = 'e2e0a1b2-c3d4-4e5f-8a9b-robotkey7788'

async function jpeg(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 30 + seed * 50, g: 140, b: 90 + seed * 20 } } })
    .jpeg()
    .toBuffer()
}

const sha256 = async (b: Buffer) => Buffer.from(await crypto.subtle.digest('SHA-256', new Uint8Array(b))).toString('hex')

/** "2026-11-25T17:20:00+08:00": now as a device in Harbin writes it. */
function harbinNow(): string {
  const local = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 19)
  return `${local}+08:00`
}

describe.skipIf(!HAS_BROWSER)('appeals and robots, in Chromium against the real server', () => {
  let dataDir: string
  let server: ServerProcess
  let browser: Browser
  let findingId: string
  let findingPhoto: string
  const month = monthOf(Date.now(), DEFAULT_POLICY.timeZone)

  const as = (username: string) => apiCaller(server.url, username)

  /** Nangang's composite this month as the bureau reads it: the exact fraction and the figure shown. */
  async function composite(who: Caller): Promise<{ exact: string; display: string }> {
    const view = await who.json<{ result: { districts: { districtCode: string; composite: { exact: string; display: string } }[] } }>(`/scores/months/${month}`)
    const row = view.result.districts.find((d) => d.districtCode === NANGANG)
    expect(row).toBeDefined()
    return row!.composite
  }

  const signIn = (context: BrowserContext, username: string) => signedInPage(context, server.url, username)

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kaoping-e2e-appeals-'))
    // Reference data only: Nangang's month holds exactly the finding made here.
    server = await startServerProcess({ KAOPING_DATA: dataDir, KAOPING_SEED: 'reference' })
    browser = await launchBrowser()

    // The inspector's finding with its photo, then the supervisor's confirmation.
    const inspector = await as('zhangwei')
    const bytes = await jpeg(1)
    findingPhoto = await sha256(bytes)
    const put = await inspector.call(`/photos/${findingPhoto}`, { method: 'PUT', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(bytes) })
    expect(put.status).toBeLessThan(300)
    const f = fixtureFinding(DEMO_USER_IDS.zhangwei, { quantity: 1, deduction: 2000, photos: [findingPhoto], deviceId: inspector.device, recordedAt: harbinNow(), street: '红军街 12 号' })
    findingId = f.id
    await inspector.push([inspector.mutation('finding.create', f)])
    const lina = await as('lina')
    await lina.push([
      lina.mutation('review.create', { id: randomUUID(), findingId, supervisorId: DEMO_USER_IDS.lina, decision: 'confirm', reason: '', at: new Date().toISOString() }),
    ])
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('a district appeals a confirmed deduction with a photo, the supervisor grants it, and the score moves by exactly that deduction', async () => {
    const lina = await as('lina')
    const nangang = await as('nangang')
    const before = await composite(lina)

    // The supervisor's screen is open before anything is filed: the appeal arrives on it live.
    const desk = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const supervisor = await signIn(desk, 'lina')
    await supervisor.goto(`${server.url}/appeals`)
    await supervisor.locator('[data-test=bureau-appeals]').waitFor()
    expect(await supervisor.locator('[data-test=appeal]').count()).toBe(0)

    // ——— the district's clerk, on a phone ———
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', hasTouch: true })
    const clerk = await signIn(phone, 'nangang')
    await clerk.goto(`${server.url}/appeals`)
    await clerk.locator('[data-test=district-appeals]').waitFor()
    await clerk.locator('[data-test=appeal-open]').click()
    const candidate = clerk.locator(`[data-test=candidate][data-id="${findingId}"]`)
    await candidate.waitFor()
    // This month is not published: the window stays open until some days after publication. The phone states it
    // once its first sync has brought the scoring policy, which may still be under way.
    await expect
      .poll(() => clerk.locator(`[data-test=candidate-month][data-month="${month}"] [data-test=appeal-window]`).innerText(), { timeout: 15_000 })
      .toContain('尚未发布')
    await candidate.click()
    await clerk.locator(`[data-test=chosen-finding][data-id="${findingId}"]`).waitFor()
    await clerk.locator('[data-test=appeal-reason-input]').fill('检查时该路段已清扫完毕，照片为清扫后的现场。')
    await clerk.locator('[data-test=draft-saved]').waitFor()

    // What was typed survives a reload: the form opens again with it.
    await clerk.reload()
    await clerk.locator(`[data-test=chosen-finding][data-id="${findingId}"]`).waitFor()
    expect(await clerk.locator('[data-test=appeal-reason-input]').inputValue()).toContain('已清扫完毕')

    const evidence = await jpeg(2)
    await clerk.locator('[data-test=evidence-input]').setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: evidence })
    await clerk.locator('[data-test=evidence-thumb]').waitFor()
    const evidenceSha = await clerk.locator('[data-test=evidence-thumb]').getAttribute('data-sha256')
    expect(evidenceSha).toMatch(/^[0-9a-f]{64}$/)

    // Offline: said plainly, filing held back, nothing lost.
    await phone.setOffline(true)
    await clerk.locator('[data-test=appeal-offline]').waitFor()
    expect(await clerk.locator('[data-test=appeal-submit]').isDisabled()).toBe(true)
    expect((await nangang.json<{ items: Appeal[] }>('/appeals')).items).toHaveLength(0)
    await phone.setOffline(false)
    await clerk.locator('[data-test=appeal-offline]').waitFor({ state: 'detached' })
    await expect.poll(() => clerk.locator('[data-test=appeal-submit]').isDisabled()).toBe(false)
    await clerk.locator('[data-test=appeal-submit]').click()
    await clerk.locator('[data-test=appeal-filed]').waitFor({ timeout: 30_000 })

    const filed = (await nangang.json<{ items: Appeal[] }>('/appeals')).items
    expect(filed).toHaveLength(1)
    const appeal = filed[0]!
    expect(appeal).toMatchObject({ findingId, status: 'pending', photos: [evidenceSha] })
    expect(appeal.reason).toContain('已清扫完毕')
    const card = clerk.locator(`[data-test=appeal][data-id="${appeal.id}"]`)
    await card.waitFor()
    expect(await card.getAttribute('data-status')).toBe('pending')

    // ——— the supervisor, at her desk: the appeal is there without a reload ———
    const pending = supervisor.locator(`[data-test=appeal][data-id="${appeal.id}"]`)
    await pending.waitFor({ timeout: 30_000 })
    expect(await supervisor.locator('[data-test=pending-count]').innerText()).toContain('1')
    // The finding's photo and the evidence side by side, both loaded from the server.
    await pending.locator(`[data-test=finding-photos] [data-test=server-photo][data-sha256="${findingPhoto}"][data-state=shown]`).waitFor()
    await pending.locator(`[data-test=evidence-photos] [data-test=server-photo][data-sha256="${evidenceSha}"][data-state=shown]`).waitFor()
    const findingBox = (await pending.locator('[data-test=finding-photos]').boundingBox())!
    const evidenceBox = (await pending.locator('[data-test=evidence-photos]').boundingBox())!
    expect(Math.abs(findingBox.y - evidenceBox.y)).toBeLessThan(2)
    expect(evidenceBox.x).toBeGreaterThan(findingBox.x + findingBox.width - 1)

    await pending.locator('[data-test=decision-note-input]').fill('现场照片显示已清扫，撤销该项扣分。')
    await pending.locator('[data-test=grant]').click()
    const confirm = pending.locator('[data-test=decision-confirm]')
    await confirm.waitFor()
    expect(await confirm.innerText()).toMatch(/南岗区[\s\S]*撤销这条扣分（2 分[\s\S]*综合得分随之重新计算/)
    await pending.locator('[data-test=decision-confirm-button]').click()
    await expect.poll(() => pending.getAttribute('data-status'), { timeout: 30_000 }).toBe('granted')
    await pending.locator('[data-test=appeal-effect]').waitFor()

    // ——— the district sees the decision ———
    await clerk.reload()
    const decided = clerk.locator(`[data-test=appeal][data-id="${appeal.id}"]`)
    await expect.poll(() => decided.getAttribute('data-status'), { timeout: 30_000 }).toBe('granted')
    expect(await decided.locator('[data-test=decided-by]').innerText()).toContain('李娜')
    expect(await decided.locator('[data-test=decision-note]').innerText()).toContain('撤销该项扣分')

    // ——— the score, through the API ———
    const [after, mine] = await Promise.all([composite(lina), nangang.json<{ items: Appeal[] }>('/appeals')])
    const effect = mine.items[0]!.decision!.effect!
    expect(effect.deductionRemoved).toBe(2000)
    expect(effect).toMatchObject({ compositeBefore: before.display, compositeAfter: after.display })
    // Two points back on the sanitation line move the composite by share × line weight ÷ all weights × 2, exactly.
    const weights = DEFAULT_POLICY.lineWeights
    const total = Object.values(weights).reduce((s, w) => s + w, 0)
    const expected = Rational.fromDecimalString(DEFAULT_POLICY.professionalShare)
      .mul(Rational.of(weights.sanitation, total))
      .mul(Rational.fromScaled(effect.deductionRemoved, 3))
    expect(Rational.parse(after.exact).sub(Rational.parse(before.exact)).equals(expected)).toBe(true)
    // The district reads the same figure for itself.
    expect((await composite(nangang)).display).toBe(after.display)
    // And the clerk's screen says it: the deduction removed and the composite before → after.
    const shown = decided.locator('[data-test=appeal-effect]')
    expect(await shown.getAttribute('data-before')).toBe(before.display)
    expect(await shown.getAttribute('data-after')).toBe(after.display)
    expect(await shown.innerText()).toContain(`${before.display} → ${after.display}`)

    await phone.close()
    await desk.close()
  }, 240_000)

  it('an administrator sets a district’s robot key: it shows configured, and the key is never shown back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    const page = await signIn(context, 'admin')
    await page.goto(`${server.url}/notifications`)
    const robot = page.locator(`[data-test=robot][data-code="${NANGANG}"]`)
    await robot.waitFor()
    expect(await robot.getAttribute('data-configured')).toBe('0')
    const field = robot.locator('[data-test=robot-key]')
    expect(await field.getAttribute('type')).toBe('password')
    // Pasting the whole webhook address is how WeCom hands it over.
    await field.fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_KEY}`)
    await robot.locator('[data-test=robot-save]').click()
    await expect.poll(() => robot.getAttribute('data-configured')).toBe('1')
    expect(await robot.locator('[data-test=robot-state]').innerText()).toBe('已配置')
    expect(await field.inputValue()).toBe('')

    await page.reload()
    await expect.poll(() => page.locator(`[data-test=robot][data-code="${NANGANG}"]`).getAttribute('data-configured')).toBe('1')
    expect(await page.content()).not.toContain(ROBOT_KEY)
    expect(await page.locator(`[data-test=robot][data-code="${NANGANG}"] [data-test=robot-key]`).inputValue()).toBe('')
    // Another district's robot is untouched.
    expect(await page.locator('[data-test=robot][data-code="230102"]').getAttribute('data-configured')).toBe('0')

    const admin = await as('admin')
    const listed = await (await admin.call('/notifications')).text()
    expect(listed).not.toContain(ROBOT_KEY)
    expect(JSON.parse(listed).hooks).toContainEqual(expect.objectContaining({ districtCode: NANGANG, configured: true }))
    await context.close()
  }, 120_000)
})
