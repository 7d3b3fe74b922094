/**
 * Each entity's fields defined once (issue 11 item 7): every field of the issue and article schemas
 * has a label and a limit in src/shared/api/fields.ts, the contract enforces exactly that limit, a
 * refused value is reported by the field's label (「刊名」 / "Title"), and the interface dictionary
 * shows the same labels.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { schemas } from '../src/shared/api/contract'
import { ARTICLE_FIELDS, ISSUE_FIELDS, fieldLabel, type FieldDef } from '../src/shared/api/fields'
import { tempLibrary, type TempLibrary } from './helpers'

const keysOf = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape)

const issueKeys = keysOf(schemas['issue.update'].shape.patch)
const articleKeys = keysOf(schemas['article.update'].shape.patch)

let lib: TempLibrary
let issueId = 0
let articleId = 0
beforeEach(() => {
  lib = tempLibrary()
  issueId = lib.api.call('issue.create', { title: '开发区建设' }).id
  articleId = lib.api.call('article.create', { issueId }).id
})
afterEach(() => lib.dispose())

describe('field table', () => {
  it('labels every field of the issue and article schemas', () => {
    expect(issueKeys.length).toBeGreaterThan(5)
    expect(articleKeys.length).toBeGreaterThan(4)
    for (const key of issueKeys) expect(ISSUE_FIELDS, key).toHaveProperty(key)
    for (const key of articleKeys) expect(ARTICLE_FIELDS, key).toHaveProperty(key)
    // and the tables hold no field the schemas lost
    expect(Object.keys(ISSUE_FIELDS).sort()).toEqual([...issueKeys].sort())
    expect(Object.keys(ARTICLE_FIELDS).sort()).toEqual([...articleKeys].sort())
    // issue.create and article.create take the same fields
    for (const key of keysOf(schemas['issue.create'])) expect(ISSUE_FIELDS, key).toHaveProperty(key)
    for (const key of keysOf(schemas['article.create']).filter((k) => k !== 'issueId' && k !== 'afterId'))
      expect(ARTICLE_FIELDS, key).toHaveProperty(key)
    for (const def of [...Object.values(ISSUE_FIELDS), ...Object.values(ARTICLE_FIELDS)] as FieldDef[]) {
      expect(def.zh).toMatch(/^[\u4e00-\u9fff]+$/)
      expect(def.en).toMatch(/^[A-Z][a-z -]+$/)
    }
  })

  it('names the field of a validation path by its entity', () => {
    expect(fieldLabel('issue.update', ['patch', 'title'])?.zh).toBe('刊名')
    expect(fieldLabel('issue.create', ['title'])?.en).toBe('Title')
    expect(fieldLabel('article.update', ['patch', 'kicker'])?.zh).toBe('引题')
    expect(fieldLabel('import.commit', ['issue', 'title'])?.zh).toBe('刊名')
    expect(fieldLabel('import.commit', ['articles', 0, 'dateline'])?.zh).toBe('电头')
    expect(fieldLabel('article.update', ['id'])).toBeNull()
    expect(fieldLabel('zone.create', ['name'])).toBeNull()
  })

  const cases: { entity: 'issue' | 'article'; key: string; def: FieldDef }[] = [
    ...issueKeys.map((key) => ({
      entity: 'issue' as const,
      key,
      def: (ISSUE_FIELDS as Record<string, FieldDef>)[key]!,
    })),
    ...articleKeys.map((key) => ({
      entity: 'article' as const,
      key,
      def: (ARTICLE_FIELDS as Record<string, FieldDef>)[key]!,
    })),
  ].filter((c) => c.def.max !== null)

  for (const { entity, key, def } of cases) {
    it(`${entity}.${key}: the contract holds it to ${def.max} characters and the message says 「${def.zh}」`, () => {
      const max = def.max as number
      // An e-mail address must look like one; the others take any text.
      const value = (n: number): string =>
        key === 'email'
          ? `${'a'.repeat(n - 7)}@qq.com`
          : key === 'creditStyle'
            ? `${'摄'.repeat(n - 6)}{name}`
            : '字'.repeat(n)
      const update = (v: string) =>
        entity === 'issue'
          ? lib.api.dispatch('issue.update', { id: issueId, patch: { [key]: v } })
          : lib.api.dispatch('article.update', {
              id: articleId,
              baseVersion: lib.api.call('article.get', { id: articleId }).version,
              patch: { [key]: v },
            })
      const refused = update(value(max + 1))
      expect(refused.ok).toBe(false)
      if (refused.ok) return
      expect(refused.error.code).toBe('too_large')
      expect(refused.error.field).toBe(`patch.${key}`)
      expect(refused.error.message_zh).toContain(`「${def.zh}」`)
      expect(refused.error.message_zh).not.toContain(`「${key}」`)
      expect(refused.error.message_en).toContain(def.en)
      if (key !== 'body') expect(update(value(max)).ok).toBe(true)
    })
  }

  it('a too-long 刊名 reads 「刊名」 in Chinese and "Title" in English', () => {
    const answer = lib.api.dispatch('issue.create', { title: '开'.repeat(201) })
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'too_large',
        field: 'title',
        message_zh: '「刊名」过长，最多 200 字。',
        message_en: 'Title is too long (at most 200 characters).',
      },
    })
  })

  it('the interface shows the same labels', () => {
    const text = readFileSync(join(__dirname, '../src/renderer/src/app/i18n.tsx'), 'utf8')
    const en = text.indexOf('const en: Record<MessageKey, string> = {')
    const value = (key: string, lang: 'zh' | 'en'): string | undefined => {
      const part = lang === 'zh' ? text.slice(0, en) : text.slice(en)
      return new RegExp(`'${key.replace('.', '\\.')}':\\s*'([^']*)'`).exec(part)?.[1]
    }
    for (const key of issueKeys) {
      const def = (ISSUE_FIELDS as Record<string, FieldDef>)[key]!
      expect(value(`issue.${key}`, 'zh')?.startsWith(def.zh), key).toBe(true)
      expect(value(`issue.${key}`, 'en')?.startsWith(def.en), key).toBe(true)
    }
    for (const key of ['kicker', 'headline', 'subtitle', 'dateline', 'byline', 'body'] as const) {
      expect(value(`editor.${key}`, 'zh')).toBe(ARTICLE_FIELDS[key].zh)
      expect(value(`editor.${key}`, 'en')).toBe(ARTICLE_FIELDS[key].en)
    }
  })
})
