/** The desk's filters and counts, pure (unit-tested beside it). */
import { REVIEW_STAGES, type DeskRow, type ReviewStage } from '@shared/api/review-types'

export interface DeskFilter {
  /** One stage, or every stage. */
  stage: ReviewStage | null
  /** Articles held by one person (DeskRow.holder), or by anyone. */
  personId: number | null
}

/** Rows of the filter, in running order. */
export function deskFilter(rows: readonly DeskRow[], filter: DeskFilter): DeskRow[] {
  return rows
    .filter((r) => filter.stage === null || r.stage === filter.stage)
    .filter((r) => filter.personId === null || r.holder?.id === filter.personId)
    .sort((a, b) => a.position - b.position)
}

/**
 * Articles per stage, for the filter chips. Counted over all rows (not the person filter), so a
 * chip says how far the issue is, whoever is selected.
 */
export function stageCounts(rows: readonly DeskRow[]): Record<ReviewStage, number> {
  const counts = Object.fromEntries(REVIEW_STAGES.map((s) => [s, 0])) as Record<ReviewStage, number>
  for (const r of rows) counts[r.stage] += 1
  return counts
}

/** What keeps the issue from being signed off: every article not yet 已签发, in running order. */
export function missingForSignoff(rows: readonly DeskRow[]): DeskRow[] {
  return rows.filter((r) => r.stage !== 'signed').sort((a, b) => a.position - b.position)
}
