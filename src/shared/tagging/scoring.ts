/**
 * Scores detector output against a gold file in the format of shared/gold/seed-tags.json:
 * every occurrence of a gold `surface` is one expected tag (only the one inside `context` when
 * a context is given); optional tags count neither way; a tag that overlaps no expected or
 * optional tag of its kind is a false positive.
 */

import type { Tag } from './types'

interface GoldSpan {
  surface: string
  context?: string
}

export interface GoldTags {
  zones: Array<GoldSpan & { canonical: string }>
  zones_optional?: GoldSpan[]
  figures: Array<GoldSpan & { value: number; unit: string }>
  figures_optional?: GoldSpan[]
}

export interface KindScore {
  expected: number
  /** Expected tags overlapped by a detected tag of the same kind. */
  found: number
  /** Expected tags matched with exactly the same span. */
  exact: number
  /** Found tags whose zone name, or value and unit, are right. */
  correct: number
  truePositives: number
  falsePositives: number
  recall: number
  precision: number
  /** correct / found. */
  accuracy: number
  missed: string[]
  spurious: string[]
  wrong: string[]
}

export interface Score {
  zones: KindScore
  figures: KindScore
}

interface Instance {
  start: number
  end: number
  surface: string
  check?: (tag: Tag) => boolean
}

export function scoreAgainstGold(text: string, tags: readonly Tag[], gold: GoldTags): Score {
  const zoneTags = tags.filter((t) => t.kind === 'zone')
  const figureTags = tags.filter((t) => t.kind === 'figure')
  const zones = gold.zones.flatMap((g) => instances(text, g, (t) => t.kind === 'zone' && t.zone.name === g.canonical))
  const figures = gold.figures.flatMap((g) =>
    instances(text, g, (t) => t.kind === 'figure' && t.value === g.value && t.unit === g.unit),
  )
  const optionalZones = (gold.zones_optional ?? []).flatMap((g) => instances(text, g))
  const optionalFigures = (gold.figures_optional ?? []).flatMap((g) => instances(text, g))
  return {
    zones: scoreKind(zoneTags, zones, optionalZones),
    figures: scoreKind(figureTags, figures, optionalFigures),
  }
}

function instances(text: string, span: GoldSpan, check?: (tag: Tag) => boolean): Instance[] {
  const where = span.context ?? span.surface
  const offset = span.context ? span.context.indexOf(span.surface) : 0
  if (offset < 0) throw new Error(`gold surface ${span.surface} is not inside its context ${where}`)
  const found: Instance[] = []
  for (let at = text.indexOf(where); at >= 0; at = text.indexOf(where, at + 1)) {
    const start = at + offset
    found.push({ start, end: start + span.surface.length, surface: span.surface, ...(check ? { check } : {}) })
  }
  return found
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
  a.start < b.end && b.start < a.end

function scoreKind(tags: readonly Tag[], expected: readonly Instance[], optional: readonly Instance[]): KindScore {
  const missed: string[] = []
  const wrong: string[] = []
  let found = 0
  let exact = 0
  let correct = 0
  for (const instance of expected) {
    const hits = tags.filter((t) => overlaps(t, instance))
    const best = hits.find((t) => t.start === instance.start && t.end === instance.end) ?? hits[0]
    if (!best) {
      missed.push(`${instance.surface}@${instance.start}`)
      continue
    }
    found++
    if (best.start === instance.start && best.end === instance.end) exact++
    if (instance.check?.(best)) correct++
    else wrong.push(`${instance.surface}@${instance.start} → ${JSON.stringify(best)}`)
  }
  const truePositives = tags.filter((t) => expected.some((e) => overlaps(t, e))).length
  const spuriousTags = tags.filter((t) => ![...expected, ...optional].some((e) => overlaps(t, e)))
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b)
  return {
    expected: expected.length,
    found,
    exact,
    correct,
    truePositives,
    falsePositives: spuriousTags.length,
    recall: ratio(found, expected.length),
    precision: ratio(truePositives, truePositives + spuriousTags.length),
    accuracy: ratio(correct, found),
    missed,
    spurious: spuriousTags.map((t) => `${t.text}@${t.start}`),
    wrong,
  }
}
