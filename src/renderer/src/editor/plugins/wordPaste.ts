/**
 * HTML pasted from Word (or WPS) reshaped before Lexical reads it, so it comes in as the house
 * elements: a heading Word set by hand — a short paragraph all in 黑体 or all bold, without a
 * sentence's end — becomes a 小标题 rather than a bold paragraph; a table comes in one paragraph
 * per row, its cells side by side, rather than one paragraph per cell.
 */

/** Fonts a Chinese editor sets headings in by hand. */
const HEADING_FONT = /黑体|SimHei|Heiti|雅黑|YaHei|等线|DengXian|方正.*黑|FZ.*Hei/i
/** A paragraph ending so (or with a 。 in it) is running text, not a heading. */
const SENTENCE_END = /[。，、；：,;:]$/
const MAX_SUBHEAD = 40

/** Whether a whole paragraph, by its text and its look, is a 小标题. */
export function looksLikeSubhead(text: string, look: { bold: boolean; headingFont: boolean }): boolean {
  const t = text.replace(/\s+/g, ' ').trim()
  if (t.length < 2 || t.length > MAX_SUBHEAD) return false
  if (SENTENCE_END.test(t) || t.includes('。')) return false
  return look.bold || look.headingFont
}

export const isHeadingFont = (family: string): boolean => HEADING_FONT.test(family)

/** A table row as one line: its cells' text, empty ones left out, side by side. */
export function rowText(cells: readonly string[]): string {
  return cells
    .map((c) => c.replace(/\s+/g, ' ').trim())
    .filter((c) => c !== '')
    .join('　')
}

const BOLD_TAGS = new Set(['B', 'STRONG'])
const BLOCK_TAGS = new Set(['P', 'DIV'])

function styleOf(el: Element): CSSStyleDeclaration | null {
  return (el as HTMLElement).style ?? null
}

/** The look of one text node, from its ancestors up to the paragraph. */
function lookOf(node: Node, paragraph: Element): { bold: boolean; headingFont: boolean } {
  let bold: boolean | null = null
  let font: string | null = null
  for (let el = node.parentElement; el; el = el.parentElement) {
    const style = styleOf(el)
    const weight = style?.fontWeight ?? ''
    if (bold === null) {
      if (weight === 'normal' || weight === '400') bold = false
      else if (BOLD_TAGS.has(el.tagName) || weight === 'bold' || Number(weight) >= 600) bold = true
    }
    if (font === null) {
      const family = style?.fontFamily || el.getAttribute('face') || ''
      if (family !== '') font = family
    }
    if (el === paragraph) break
  }
  return { bold: bold ?? false, headingFont: font !== null && isHeadingFont(font) }
}

/** A paragraph's text and whether all of it is bold, or all in a heading font. */
function paragraphLook(p: Element): { text: string; bold: boolean; headingFont: boolean } {
  const walker = p.ownerDocument.createTreeWalker(p, NodeFilter.SHOW_TEXT)
  let bold = true
  let headingFont = true
  let any = false
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.textContent ?? '').trim() === '') continue
    any = true
    const look = lookOf(node, p)
    bold &&= look.bold
    headingFont &&= look.headingFont
  }
  return { text: p.textContent ?? '', bold: any && bold, headingFont: any && headingFont }
}

/** Reshapes the pasted document in place; false when there was nothing to change. */
export function reshapePastedHtml(doc: Document): boolean {
  let changed = false
  for (const table of [...doc.querySelectorAll('table')]) {
    if (!table.isConnected || table.parentElement?.closest('table')) continue
    const rows = [...table.querySelectorAll('tr')].filter((tr) => tr.closest('table') === table)
    const lines = rows.map((tr) => rowText([...tr.children].map((cell) => cell.textContent ?? ''))).filter(Boolean)
    const replacement = lines.map((line) => {
      const p = doc.createElement('p')
      p.textContent = line
      return p
    })
    table.replaceWith(...replacement)
    changed = true
  }
  // One paragraph pasted is a piece of text put into the current one (a bold phrase copied from
  // Word comes wrapped in a paragraph too): only a paste of several blocks has headings in it.
  const blocks = doc.body.querySelectorAll('p, div, h1, h2, h3, h4, h5, h6, li, blockquote')
  if (blocks.length < 2) return changed
  for (const p of [...doc.body.querySelectorAll('p, div')]) {
    if (!BLOCK_TAGS.has(p.tagName) || p.querySelector('p, div, table, ul, ol, h1, h2, h3, h4, h5, h6, img')) continue
    if (p.closest('li, blockquote, h1, h2, h3, h4, h5, h6')) continue
    const look = paragraphLook(p)
    if (!looksLikeSubhead(look.text, look)) continue
    const heading = doc.createElement('h3')
    heading.textContent = look.text.replace(/\s+/g, ' ').trim()
    p.replaceWith(heading)
    changed = true
  }
  return changed
}
