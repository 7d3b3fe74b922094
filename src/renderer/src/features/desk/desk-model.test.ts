import { describe, expect, it } from 'vitest'
import type { DeskRow, ReviewStage } from '@shared/api/review-types'
import { deskFilter, missingForSignoff, stageCounts } from './desk-model'

const row = (position: number, stage: ReviewStage, holder: number | null): DeskRow => ({
  articleId: 100 + position,
  position,
  kicker: '',
  headline: `稿件${position}`,
  stage,
  holder: holder === null ? null : { id: holder, name: `成员${holder}` },
  charCount: 1000,
  copyfitLines: null,
  untaggedZones: 0,
  proofFindings: 0,
  lastChange: { at: '2026-12-02T05:00:00Z', by: null },
})

const rows = [row(2, 'first', 1), row(0, 'draft', null), row(1, 'signed', 2), row(3, 'first', 2)]

describe('desk model', () => {
  it('filters by stage and by holder, in running order', () => {
    expect(deskFilter(rows, { stage: null, personId: null }).map((r) => r.position)).toEqual([0, 1, 2, 3])
    expect(deskFilter(rows, { stage: 'first', personId: null }).map((r) => r.position)).toEqual([2, 3])
    expect(deskFilter(rows, { stage: null, personId: 2 }).map((r) => r.position)).toEqual([1, 3])
    expect(deskFilter(rows, { stage: 'first', personId: 2 }).map((r) => r.position)).toEqual([3])
    expect(deskFilter(rows, { stage: 'final', personId: null })).toEqual([])
  })

  it('counts every stage, zeros included', () => {
    expect(stageCounts(rows)).toEqual({ draft: 1, first: 2, second: 0, final: 0, signed: 1 })
    expect(stageCounts([])).toEqual({ draft: 0, first: 0, second: 0, final: 0, signed: 0 })
  })

  it('lists what keeps the issue from sign-off', () => {
    expect(missingForSignoff(rows).map((r) => r.position)).toEqual([0, 2, 3])
    expect(missingForSignoff([row(0, 'signed', 1), row(1, 'signed', 2)])).toEqual([])
  })
})
