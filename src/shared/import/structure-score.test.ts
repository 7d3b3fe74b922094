// The importer is pure; only its tests read fixtures from disk.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync } from 'node:fs'
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseIssueText } from './plaintext'
import { scoreStructure, structureChecks, type StructureGold } from './structure-score'

const FIXTURES = resolve(__dirname, '../../../test/fixtures/import')
const SEED = 'seed-kfjz-2024-25'

const names = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace(/\.expected\.json$/, ''))
  .sort()

function score(name: string) {
  const text = readFileSync(resolve(FIXTURES, `${name}.txt`), 'utf8')
  const gold = JSON.parse(readFileSync(resolve(FIXTURES, `${name}.expected.json`), 'utf8')) as StructureGold
  return scoreStructure(structureChecks(parseIssueText(text), gold))
}

describe('structure score of every import fixture against its gold', () => {
  const scores = names.map((name) => ({ name, ...score(name) }))

  it('prints the share of checks right per fixture, and holds 95% overall', () => {
    for (const s of scores) {
      const failed = s.failed.length > 0 ? `  ✗ ${s.failed.join('; ')}` : ''
      console.log(`${s.name.padEnd(34)} ${s.percent.toFixed(1).padStart(5)}% (${s.passed}/${s.total})${failed}`)
    }
    const passed = scores.reduce((n, s) => n + s.passed, 0)
    const total = scores.reduce((n, s) => n + s.total, 0)
    console.log(`overall ${((100 * passed) / total).toFixed(1)}% (${passed}/${total})`)
    expect(total).toBeGreaterThan(0)
    expect(passed / total).toBeGreaterThanOrEqual(0.95)
  })

  it('has the seed exact', () => {
    expect(scores.find((s) => s.name === SEED)?.failed).toEqual([])
  })

  it('counts a wrong field as a failed check (the scorer can fail)', () => {
    const text = readFileSync(resolve(FIXTURES, `${SEED}.txt`), 'utf8')
    const gold = JSON.parse(readFileSync(resolve(FIXTURES, `${SEED}.expected.json`), 'utf8')) as StructureGold
    const wrong: StructureGold = {
      ...gold,
      articles: gold.articles.map((a, k) => (k === 0 ? { ...a, byline: '某某' } : a)),
    }
    const result = scoreStructure(structureChecks(parseIssueText(text), wrong))
    expect(result.failed).toEqual(['article 0 byline'])
    expect(result.percent).toBeLessThan(100)
  })
})
