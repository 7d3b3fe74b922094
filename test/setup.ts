// Tests replace the timers (vi.useFakeTimers) test by test: the renderer's shared clock of
// trailing timers (app/trailing.ts) starts afresh with each, rather than wait on a lost timer.
import { afterEach } from 'vitest'
import { resetClock } from '../src/renderer/src/app/trailing'

afterEach(() => resetClock())
