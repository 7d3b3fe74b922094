import { describe, expect, it } from 'vitest'
import { MAX_BODY, MAX_FIELD, METHODS, schemas } from './contract'
import {
  DEFAULT_REQUEST_BYTES,
  MAX_BUNDLE_BASE64,
  MAX_DOCX_BASE64,
  MAX_IMAGE_BASE64,
  MAX_REQUEST_LIMIT,
  REQUEST_LIMITS,
  requestLimit,
} from './limits'

const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length

describe('per-method request limits', () => {
  it('has a limit for every method of the contract, and the default for unknown ones', () => {
    expect(Object.keys(REQUEST_LIMITS).sort()).toEqual([...METHODS].sort())
    for (const m of METHODS) expect(REQUEST_LIMITS[m]).toBeGreaterThan(0)
    expect(requestLimit('issue.nuke')).toBe(DEFAULT_REQUEST_BYTES)
    expect(requestLimit('__proto__')).toBe(DEFAULT_REQUEST_BYTES)
    expect(MAX_REQUEST_LIMIT).toBe(REQUEST_LIMITS['import.bundle'])
  })

  it('reads the base64 maxima from the schemas themselves', () => {
    expect([MAX_IMAGE_BASE64, MAX_DOCX_BASE64, MAX_BUNDLE_BASE64]).toEqual([28_000_000, 70_000_000, 280_000_000])
  })

  it.each([
    ['image.put', MAX_IMAGE_BASE64],
    ['import.docx', MAX_DOCX_BASE64],
    ['import.bundle', MAX_BUNDLE_BASE64],
  ] as const)('lets through the largest %s the contract accepts, and not much more', (method, max) => {
    const input = method === 'import.docx' ? { data: 'A'.repeat(max), split: 'headings' } : { data: 'A'.repeat(max) }
    expect(schemas[method].safeParse(input).success).toBe(true)
    expect(bytes(input)).toBeLessThanOrEqual(requestLimit(method))
    expect(requestLimit(method)).toBeLessThan(max * 1.01)
  })

  it('lets through the largest article write, even of characters JSON escapes to six bytes', () => {
    const worst = '\u0001'.repeat(MAX_BODY)
    const line = '"'.repeat(MAX_FIELD)
    const input = {
      id: 1,
      baseVersion: 1,
      explicit: true,
      patch: { body: worst, kicker: line, headline: line, subtitle: line, dateline: line, byline: line.slice(0, 500) },
    }
    expect(bytes(input)).toBeLessThanOrEqual(requestLimit('article.update'))
    expect(bytes({ issueId: 1, afterId: 2, ...input.patch })).toBeLessThanOrEqual(requestLimit('article.create'))
    // Chinese text, the usual case, is 3 bytes a character.
    expect(bytes({ id: 1, baseVersion: 1, patch: { body: '开'.repeat(MAX_BODY) } })).toBeLessThanOrEqual(
      requestLimit('article.update'),
    )
  })

  it('keeps the flat default for methods whose input is small', () => {
    for (const m of ['issue.create', 'issue.update', 'layout.save', 'search.articles'] as const) {
      expect(requestLimit(m)).toBe(DEFAULT_REQUEST_BYTES)
    }
  })
})
