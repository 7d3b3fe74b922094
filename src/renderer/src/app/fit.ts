/**
 * One line of text cut with '…' to a width, computed instead of clipped. CSS's `text-overflow:
 * ellipsis` needs `overflow: hidden`, and every box with a clip is a paint layer of its own that
 * the browser walks on every frame, wherever the frame's change is: a panel of list rows with
 * two clips each cost each keystroke in the editor beside it a third of a millisecond
 * (bench/typing.bench.ts, TYPING_TRACE). Rows whose text is fitted here have no clip at all.
 */

/** How wide a text is in one part's font, in CSS px. */
export type Measure = (text: string, part: number) => number

export const ELLIPSIS = '…'

/**
 * `parts` (runs of one line, each in its own font: `measure(text, i)`) as they fit `width`: every
 * part whole while they fit; else the part that overflows cut at a character boundary with '…'
 * (its trailing spaces dropped), and the parts after it ''. A part that cannot keep even one
 * character beside the ellipsis becomes '…' alone, or '' when the ellipsis would not fit either.
 */
export function fitLine(parts: readonly string[], measure: Measure, width: number): string[] {
  const widths = parts.map((text, i) => measure(text, i))
  if (widths.reduce((a, b) => a + b, 0) <= width) return [...parts]
  const out = parts.map(() => '')
  let used = 0
  for (let i = 0; i < parts.length; i++) {
    const w = widths[i] ?? 0
    const rest = parts.slice(i + 1).some((p) => p !== '')
    // Whole, if it and an ellipsis for what follows still fit.
    if (used + w + (rest ? measure(ELLIPSIS, i) : 0) <= width) {
      out[i] = parts[i] ?? ''
      used += w
      continue
    }
    const chars = Array.from(parts[i] ?? '')
    // The longest head that fits with its ellipsis: widths grow with the head, so bisect.
    let lo = 0
    let hi = chars.length
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2)
      if (used + measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS, i) <= width) lo = mid
      else hi = mid - 1
    }
    const head = chars.slice(0, lo).join('').trimEnd()
    out[i] = head !== '' || used + measure(ELLIPSIS, i) <= width ? head + ELLIPSIS : ''
    break
  }
  return out
}

const contexts = new Map<string, (text: string) => number>()

/**
 * Text widths in a CSS font (`font` shorthand, as a canvas takes it), measured on a canvas — the
 * same shaping as the page's text, without laying out the page — and kept per text. Call
 * `forgetMeasures()` when web fonts finish loading: a width measured in the fallback is stale.
 */
export function measurer(font: string): (text: string) => number {
  let measure = contexts.get(font)
  if (!measure) {
    const context = document.createElement('canvas').getContext('2d')
    const cache = new Map<string, number>()
    if (context) context.font = font
    measure = (text) => {
      let w = cache.get(text)
      if (w === undefined) {
        w = context ? context.measureText(text).width : text.length * 16
        cache.set(text, w)
      }
      return w
    }
    contexts.set(font, measure)
  }
  return measure
}

export function forgetMeasures(): void {
  contexts.clear()
}

/** An element's font as the canvas `font` shorthand takes it. */
export function canvasFont(style: CSSStyleDeclaration, size = style.fontSize, family = style.fontFamily): string {
  return `${style.fontStyle} ${style.fontWeight} ${size} ${family}`
}
