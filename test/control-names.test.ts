/**
 * Messages that tell the editor which control to use must name a control that exists (a new user
 * was told to use “导入 Word”, a button Folio does not have). Every name quoted in the import
 * messages and in the interface strings must be a label of the interface, a role in the import
 * preview, or a command of the program the message sends the editor to (Word, 记事本).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROLE_LABELS } from '../src/shared/import/article'

const ROOT = join(__dirname, '..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => `${dir}/${f}`)

const I18N = 'src/renderer/src/app/i18n.tsx'
const dictionary = (lang: 'zh' | 'en'): string[] => {
  const text = read(I18N)
  const start = text.indexOf(lang === 'zh' ? 'const zh = {' : 'const en: Record<MessageKey, string> = {')
  const end = text.indexOf('\n}\n', start)
  return [...text.slice(start, end).matchAll(/^\s*'[\w.-]+':\s*(?:\n\s*)?'((?:[^'\\]|\\.)*)'/gm)].map((m) => m[1] ?? '')
}

/** Labels an editor can see on a control, and the commands of other programs a message may name. */
const LABELS = new Set([
  ...dictionary('zh'),
  ...Object.values(ROLE_LABELS).map((l) => l.zh),
  '另存为', // Word's and 记事本's own command
  '标题', // Word's paragraph styles
  '标题 1',
])
const LABELS_EN = new Set([...dictionary('en'), ...Object.values(ROLE_LABELS).map((l) => l.en)])

/** Quoted names in a Chinese message: 「…」 or “…”, short, without a placeholder. */
const quotedZh = (text: string): string[] =>
  [...text.matchAll(/[「“]([^「」“”{}$]{1,16})[」”]/g)].map((m) => m[1] ?? '').filter((q) => /[\u4e00-\u9fff]/.test(q))
const quotedEn = (text: string): string[] =>
  [...text.matchAll(/“([^“”{}$]{1,24})”/g)].map((m) => m[1] ?? '').filter((q) => /^[A-Z]/.test(q))

const MESSAGE_FILES = [I18N, ...sources('src/shared/import'), ...sources('src/main/import')]

describe('messages name controls that exist', () => {
  it('finds the dictionaries and the quoted names it checks', () => {
    expect(dictionary('zh').length).toBeGreaterThan(300)
    expect(dictionary('en')).toHaveLength(dictionary('zh').length)
    expect(quotedZh('请用“导入 Word”。点「新建期次」')).toEqual(['导入 Word', '新建期次'])
  })

  for (const file of MESSAGE_FILES) {
    it(`${file}: every quoted Chinese name is a real label or command`, () => {
      const text = read(file)
      const strings = [...text.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1] ?? m[2] ?? '')
      const unknown = strings.flatMap(quotedZh).filter((q) => !LABELS.has(q))
      expect(unknown).toEqual([])
    })
  }

  it('the English messages of the import name only real labels, and no “Word import” or “text import”', () => {
    for (const file of MESSAGE_FILES.slice(1)) {
      const text = read(file)
      expect(text).not.toMatch(/\b(?:Word|text) import\b/)
      for (const q of quotedEn(text)) expect(LABELS_EN, `${file}: “${q}”`).toContain(q)
    }
  })

  it('the messages about the wrong kind of file point to 导入, which opens .txt and .docx alike', () => {
    const decode = read('src/shared/import/decode.ts')
    const docx = read('src/main/import/docx-package.ts') // the checks of a file's bytes (split out of docx.ts)
    expect(LABELS).toContain('导入')
    expect(decode).toContain('“导入”')
    expect(docx).toContain('“导入”')
  })
})
