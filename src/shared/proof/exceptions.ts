/**
 * Spans no rule should touch unless it says so (Rule.exceptions): what a Chinese text carries
 * that is not Chinese prose. Found once per text; each regex is linear (no nested quantifier
 * can match the same characters two ways).
 */
import type { ExceptionKind, ProtectedSpan } from './types'

const NOT_URL = '\\s\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef“”‘’'

const PATTERNS: [ExceptionKind, RegExp][] = [
  ['url', new RegExp(`(?:https?|ftp)://[^${NOT_URL}]+|www\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+[^${NOT_URL}]*`, 'g')],
  // starts only where a run of address characters starts, or a long run without @ is quadratic
  ['email', /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g],
  // 21-465, 0351-1234567, CN14-1234, 21700/18650, GB/T 15834-2011's 15834-2011
  ['code', /(?<![\dA-Za-z])[A-Za-z]{0,4}\d+(?:[-/]\d+)+(?![\d])/g],
  // 3.6, 5.7%, 42.3%, 1,000, 12,500.5
  ['number', /\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|\d+(?:\.\d+)+%?/g],
  // Latin words and product names, with the spaces between them: LED, AA&W, ecoeche, iPhone 15 Pro
  ['latin', /[A-Za-z][A-Za-z0-9&'’+.-]*(?: [A-Za-z0-9][A-Za-z0-9&'’+.-]*)*/g],
  // 电头: 科学导报 记者王波 7月2日 / 本报讯 记者 王波 通讯员 李明 7月2日
  [
    'dateline',
    /^[\u4e00-\u9fff]{2,10}(?:[ \u3000]+(?:记者|通讯员|实习生|特约记者)[ \u3000]?[\u4e00-\u9fff、]{1,12})*[ \u3000]+\d{1,2}月\d{1,2}日/gm,
  ],
  // 新华社北京7月2日电（记者 王波）
  ['dateline', /[（(](?:记者|通讯员)[ \u3000][\u4e00-\u9fff、 \u3000]{1,20}[）)]/g],
  // 署名 at the end of a paragraph: 。 袁兆辉
  ['dateline', /(?<=[。！？”）])[ \u3000]+[\u4e00-\u9fff]{2,4}(?=\r?$)/gm],
  // photo credit: ■ 王超摄
  ['dateline', /[ \u3000]*■[ \u3000]*[\u4e00-\u9fff]{2,4}摄/g],
]

const URL_TAIL = /[.,;:!?)\]]+$/

export function protectedSpans(text: string): ProtectedSpan[] {
  const spans: ProtectedSpan[] = []
  for (const [kind, pattern] of PATTERNS) {
    pattern.lastIndex = 0
    for (const m of text.matchAll(pattern)) {
      let end = m.index + m[0].length
      if (kind === 'url') end -= URL_TAIL.exec(m[0])?.[0].length ?? 0
      if (end > m.index) spans.push({ kind, start: m.index, end })
    }
  }
  return spans.sort((a, b) => a.start - b.start)
}

/** Spans of the given kinds, sorted, with a quick overlap test. */
export class SpanIndex {
  private readonly starts: number[]
  private readonly ends: number[]
  /** Largest end among spans 0..i: lets a binary search answer overlap in O(log n). */
  private readonly maxEnd: number[]

  constructor(spans: readonly ProtectedSpan[]) {
    this.starts = spans.map((s) => s.start)
    this.ends = spans.map((s) => s.end)
    this.maxEnd = []
    let max = -1
    for (const end of this.ends) this.maxEnd.push((max = Math.max(max, end)))
  }

  /** Some span overlaps [start, end) (an empty range overlaps a span around it). */
  overlaps(start: number, end: number): boolean {
    // last span starting before `end` (or at start for an empty range)
    let lo = 0
    let hi = this.starts.length - 1
    let last = -1
    const limit = end > start ? end : start + 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if ((this.starts[mid] ?? 0) < limit) {
        last = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    if (last < 0) return false
    // some span among 0..last ends after start: walk back while the running max allows it
    for (let i = last; i >= 0 && (this.maxEnd[i] ?? -1) > start; i--) {
      if ((this.ends[i] ?? -1) > start) return true
    }
    return false
  }
}
