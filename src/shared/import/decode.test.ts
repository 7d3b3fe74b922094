import { describe, expect, it } from 'vitest'
import { checkTextSize, decodeText, MAX_TEXT_BYTES, type DecodeResult } from './decode'

const SAMPLE = '开发区建设 专刊，2024年第25期'
/** SAMPLE as GBK bytes, as a Chinese Windows tool saves it. */
const SAMPLE_GBK = [
  0xbf, 0xaa, 0xb7, 0xa2, 0xc7, 0xf8, 0xbd, 0xa8, 0xc9, 0xe8, 0x20, 0xd7, 0xa8, 0xbf, 0xaf, 0xa3, 0xac, 0x32, 0x30,
  0x32, 0x34, 0xc4, 0xea, 0xb5, 0xda, 0x32, 0x35, 0xc6, 0xda,
]

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2)
  const view = new DataView(bytes.buffer)
  view.setUint16(0, 0xfeff, littleEndian)
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian)
  return bytes
}

function errorCode(result: DecodeResult): string | null {
  return 'error' in result ? result.error.code : null
}

describe('decodeText', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode(SAMPLE))).toEqual({ text: SAMPLE, encoding: 'utf-8' })
  })

  it('reads UTF-8 with a byte-order mark and drops the mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SAMPLE)])
    expect(decodeText(bytes)).toEqual({ text: SAMPLE, encoding: 'utf-8' })
  })

  it('reads UTF-16 little- and big-endian with a byte-order mark', () => {
    expect(decodeText(utf16(SAMPLE, true))).toEqual({ text: SAMPLE, encoding: 'utf-16le' })
    expect(decodeText(utf16(SAMPLE, false))).toEqual({ text: SAMPLE, encoding: 'utf-16be' })
  })

  it('converts GBK to text', () => {
    expect(decodeText(new Uint8Array(SAMPLE_GBK))).toEqual({ text: SAMPLE, encoding: 'gb18030' })
  })

  it('refuses an empty or blank file', () => {
    expect(errorCode(decodeText(new Uint8Array()))).toBe('empty_file')
    expect(errorCode(decodeText(new TextEncoder().encode(' \r\n\n\u3000')))).toBe('empty_file')
  })

  it('refuses binary junk: NUL bytes or many control characters', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])
    expect(errorCode(decodeText(png))).toBe('binary_file')
    const controls = new TextEncoder().encode('正文\u0001\u0002\u0003\u0004\u0005正文')
    expect(errorCode(decodeText(controls))).toBe('binary_file')
  })

  it('keeps form feeds and tabs, which text extracted from PDF contains', () => {
    expect(decodeText(new TextEncoder().encode('第一版\f第二版\t正文'))).toEqual({
      text: '第一版\f第二版\t正文',
      encoding: 'utf-8',
    })
  })

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    expect(errorCode(decodeText(new Uint8Array([0x41, 0xff, 0xff, 0x41])))).toBe('unknown_encoding')
  })

  it('refuses a file over the size limit before decoding it', () => {
    expect(MAX_TEXT_BYTES).toBe(4 * 1024 * 1024)
    expect(errorCode(decodeText(new Uint8Array(MAX_TEXT_BYTES + 1)))).toBe('too_large')
  })

  it('tells from the size alone whether a file may be read, in Chinese first', () => {
    expect(checkTextSize(MAX_TEXT_BYTES)).toBeNull()
    expect(checkTextSize(0)).toBeNull()
    const refused = checkTextSize(MAX_TEXT_BYTES + 1)
    expect(refused?.code).toBe('too_large')
    expect(refused?.message_zh).toMatch(/^文件太大（超过 4 MB）.*没有读取/)
    expect(refused?.message_en).toMatch(/larger than 4 MB.*not read/)
  })

  it('explains every refusal in Chinese first, then English', () => {
    const result = decodeText(new Uint8Array())
    if (!('error' in result)) throw new Error('expected an error')
    expect(result.error.message_zh).toMatch(/[\u4e00-\u9fff]/)
    expect(result.error.message_en).toMatch(/empty/)
  })
})
