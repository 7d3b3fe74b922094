import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
export const CHROMIUM = process.env.FOLIO_CHROMIUM ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 860 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
  },
})
