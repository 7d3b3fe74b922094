/**
 * Turn the bytes of an imported text file into a string: UTF-8 (with or
 * without a byte-order mark), UTF-16 with a byte-order mark, or GBK/GB18030 as
 * older Chinese Windows tools still save it. Binary files, empty files and
 * files over the size limit are refused with a message an editor can act on.
 *
 * Uses only TextDecoder, so it runs in the renderer as well as in Node.
 */

/**
 * Largest text file accepted for import: 4 MB. The text of a whole issue of the seed special
 * edition is 16 KB, so this is some 250 issues, and at its density some 1000 articles, which is
 * as many as one import can commit (import.commit). Measured (Node 20, this parser): 2 MB of
 * seed-like text parses in 0.25 s, 10 MB in 1 s, the worst shape found (hundreds of thousands of
 * two-word lines) 0.8 s per MB; the import dialog parses in a worker and shows progress, and
 * refuses a larger file before reading a byte of it (checkTextSize).
 */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

export type DecodeErrorCode = 'empty_file' | 'too_large' | 'binary_file' | 'unknown_encoding'

export interface DecodeError {
  code: DecodeErrorCode
  message_zh: string
  message_en: string
}

export type DecodeResult = { text: string; encoding: TextEncodingName } | { error: DecodeError }

const MESSAGES: Record<DecodeErrorCode, [string, string]> = {
  empty_file: ['文件是空的，没有可以导入的文字。', 'The file is empty: there is no text to import.'],
  too_large: [
    `文件太大（超过 ${MAX_TEXT_BYTES / 1024 / 1024} MB），不像是报纸的文字，没有读取。请确认选对了文件，或把它分成几个文件导入。`,
    `The file is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MB, too large for the text of a newspaper; it was not read. Check that it is the right file, or import it in several parts.`,
  ],
  binary_file: [
    '这不是纯文本文件（可能是图片、PDF 或 Word 文件）。请选择 .txt 文本文件；Word 文件请选择它的 .docx 文件，同样用“导入”打开。',
    'This is not a plain-text file (it may be an image, a PDF or a Word file). Choose a .txt file; for Word, choose its .docx file, also opened with “Import”.',
  ],
  unknown_encoding: [
    '无法识别文件的编码（不是 UTF-8、UTF-16 或 GBK）。请用记事本“另存为”UTF-8 后再导入。',
    'The file encoding is not recognised (not UTF-8, UTF-16 or GBK). Save it as UTF-8 and import it again.',
  ],
}

function failure(code: DecodeErrorCode): { error: DecodeError } {
  const [message_zh, message_en] = MESSAGES[code]
  return { error: { code, message_zh, message_en } }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

/** Decode strictly; null when the bytes are not valid in that encoding. */
function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return null
  }
}

/** Share of control characters (other than tab, line feed, carriage return, form feed) above which text is junk. */
const MAX_CONTROL_SHARE = 0.01

function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f
}

function looksBinary(text: string): boolean {
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 0) return true
    if (isControl(code)) control++
  }
  return control > text.length * MAX_CONTROL_SHARE
}

function byBom(bytes: Uint8Array): TextEncodingName | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8'
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le'
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be'
  return null
}

function decodeBytes(bytes: Uint8Array): DecodeResult {
  const bom = byBom(bytes)
  if (bom) {
    const text = tryDecode(bytes, bom)
    return text === null ? failure('unknown_encoding') : { text, encoding: bom }
  }
  if (bytes.includes(0)) return failure('binary_file')
  const utf8 = tryDecode(bytes, 'utf-8')
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' }
  const gbk = tryDecode(bytes, 'gb18030')
  if (gbk !== null) return { text: gbk, encoding: 'gb18030' }
  return failure('unknown_encoding')
}

/** The refusal of a file of `size` bytes, known before reading it (File.size, stat); null when it may be read. */
export function checkTextSize(size: number): DecodeError | null {
  return size > MAX_TEXT_BYTES ? failure('too_large').error : null
}

/** Detect the encoding of a text file and decode it; the byte-order mark is dropped. */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const tooLarge = checkTextSize(bytes.length)
  if (tooLarge) return { error: tooLarge }
  const result = decodeBytes(bytes)
  if ('error' in result) return result
  if (result.text.trim() === '') return failure('empty_file')
  if (looksBinary(result.text)) return failure('binary_file')
  return result
}
