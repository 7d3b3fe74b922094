import { defineConfig } from '@playwright/test'

// Debian's Chromium (Playwright cannot download its own browsers on these machines), started
// exactly as the print engine starts it.
import { CHROMIUM_ARGS, chromiumPath } from './src/main/export/browser'

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 860 },
    locale: 'zh-CN',
    screenshot: 'only-on-failure',
  },
})
