/** `folio proof FILE` and `folio proof article ID`: the shared proofing rules over a file or a stored article. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/api/errors'
import { decodeText } from '../../shared/import/decode'
import { proofText, zoneMentions, type Finding } from '../../shared/proof'
import { detectTags, loadGazetteer, type Gazetteer } from '../../shared/tagging'
import type { Api } from '../api'
import { requireId } from './args'
import { findResources } from '../library'

let gazetteer: Gazetteer | null = null

function starterGazetteer(): Gazetteer {
  gazetteer ??= loadGazetteer(JSON.parse(readFileSync(join(findResources(__dirname), 'zones.json'), 'utf8')))
  return gazetteer
}

/** The documented JSON shape: offsets are UTF-16 code units into the decoded text. */
function describeFinding(f: Finding) {
  return {
    rule: f.rule,
    category: f.category,
    start: f.start,
    end: f.end,
    text: f.text,
    message_zh: f.message_zh,
    message_en: f.message_en,
    fix: f.fix,
  }
}

export function proofPlainText(text: string) {
  const zones = (t: string) => zoneMentions(detectTags(t, starterGazetteer()))
  return { findings: proofText(text, { zones }).map(describeFinding) }
}

export function proofFile(file: string | undefined) {
  if (!file) fail('invalid_input', '请给出要校对的文本文件。', 'Give the text file to proof.')
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    fail('not_found', `找不到文件：${file}`, `No such file: ${file}`)
  }
  const decoded = decodeText(bytes)
  if ('error' in decoded) fail('invalid_input', decoded.error.message_zh, decoded.error.message_en)
  return proofPlainText(decoded.text)
}

export function proofArticle(api: Api, raw: string | undefined) {
  const article = api.call('article.get', { id: requireId(raw, '稿件') })
  return proofPlainText(article.bodyText)
}

export const proofHuman = (data: unknown): string => {
  const { findings } = data as ReturnType<typeof proofPlainText>
  if (findings.length === 0) return '（未发现问题 no findings）'
  const rows = findings.map(
    (f) =>
      `${f.start}-${f.end}\t${f.category}\t${f.rule}\t${JSON.stringify(f.text)}${f.fix === null ? '' : ` → ${JSON.stringify(f.fix)}`}\t${f.message_zh}`,
  )
  return [...rows, `共 ${findings.length} 处 / ${findings.length} findings`].join('\n')
}
