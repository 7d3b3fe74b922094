/** `folio tag detect FILE` and `folio tag article ID`: the shared detectors over text or a stored article. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fail } from '../../shared/api/errors'
import { decodeText } from '../../shared/import/decode'
import { detectTags, loadGazetteer, type Gazetteer, type Tag } from '../../shared/tagging'
import { findResources } from '../library'

let gazetteer: Gazetteer | null = null

/** The bundled zone registry, read once (tag and proof commands). */
export function starterGazetteer(): Gazetteer {
  gazetteer ??= loadGazetteer(JSON.parse(readFileSync(join(findResources(__dirname), 'zones.json'), 'utf8')))
  return gazetteer
}

/** The documented JSON shape of a tag. */
function describeTag(tag: Tag) {
  if (tag.kind === 'zone') {
    return {
      kind: tag.kind,
      start: tag.start,
      end: tag.end,
      text: tag.text,
      zone: { name: tag.zone.name, known: tag.zone.known },
    }
  }
  return {
    kind: tag.kind,
    start: tag.start,
    end: tag.end,
    text: tag.text,
    value: tag.value,
    unit: tag.unit,
    qualifier: tag.qualifier,
  }
}

export function tagText(text: string) {
  return { tags: detectTags(text, starterGazetteer()).map(describeTag) }
}

/** A text file's decoded text, as the import decodes it; missing or undecodable files refused in both languages. */
export function readTextFile(file: string): string {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    fail('not_found', `找不到文件：${file}`, `No such file: ${file}`)
  }
  const decoded = decodeText(bytes)
  if ('error' in decoded) fail('invalid_input', decoded.error.message_zh, decoded.error.message_en)
  return decoded.text
}

export function tagFile(file: string) {
  return tagText(readTextFile(file))
}

export const tagHuman = (data: unknown): string =>
  (data as ReturnType<typeof tagText>).tags
    .map((t) =>
      t.kind === 'zone'
        ? `区 ${t.text} → ${t.zone.name}${t.zone.known ? '' : '（新）'}`
        : `数 ${t.text} = ${t.value} ${t.unit}`,
    )
    .join('\n') || '（没有发现开发区或数据 none found）'
