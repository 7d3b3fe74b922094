/**
 * Which change events a live view reloads on (src/renderer/src/app/live.ts): its topics, its issue
 * or article (a change naming none concerns all), and not its own window's when asked.
 */
import { describe, expect, it, vi } from 'vitest'
import type { ChangeEvent } from '../src/shared/api/review-types'

vi.mock('../src/renderer/src/api', () => ({ windowOrigin: 'w-self', subscribe: () => () => {} }))
const { matches, isOwn } = await import('../src/renderer/src/app/live')

const event = (patch: Partial<ChangeEvent>): ChangeEvent => ({
  seq: 1,
  topics: ['articles'],
  issueIds: [1],
  articleIds: [10],
  by: null,
  origin: 'w-other',
  ...patch,
})

describe('live filters', () => {
  it('match on any of their topics', () => {
    expect(matches(event({}), { topics: ['articles'] })).toBe(true)
    expect(matches(event({ topics: ['body', 'articles'] }), { topics: ['issues', 'articles'] })).toBe(true)
    expect(matches(event({ topics: ['layout'] }), { topics: ['articles'] })).toBe(false)
  })

  it('match their issue and article only, and everything on a change that names neither', () => {
    expect(matches(event({}), { topics: ['articles'], issueId: 1 })).toBe(true)
    expect(matches(event({}), { topics: ['articles'], issueId: 2 })).toBe(false)
    expect(matches(event({}), { topics: ['articles'], issueId: null })).toBe(true)
    expect(matches(event({}), { topics: ['articles'], articleId: 10 })).toBe(true)
    expect(matches(event({}), { topics: ['articles'], articleId: 11 })).toBe(false)
    const unscoped = event({ issueIds: [], articleIds: [] })
    expect(matches(unscoped, { topics: ['articles'], issueId: 2 })).toBe(true)
    // …unless the view wants changes that name it outright (an open editor: not on a resync)
    expect(matches(unscoped, { topics: ['articles'], articleId: 10 }, { named: true })).toBe(false)
    expect(matches(event({}), { topics: ['articles'], articleId: 10 }, { named: true })).toBe(true)
  })

  it('skip their own window’s changes when asked', () => {
    const own = event({ origin: 'w-self' })
    expect(isOwn(own)).toBe(true)
    expect(isOwn(event({ origin: null }))).toBe(false)
    expect(matches(own, { topics: ['articles'] })).toBe(true)
    expect(matches(own, { topics: ['articles'] }, { skipOwn: true })).toBe(false)
    expect(matches(event({}), { topics: ['articles'] }, { skipOwn: true })).toBe(true)
  })
})
