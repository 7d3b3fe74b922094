/**
 * Sets the PDF document information (Title, Author, Subject, Creator) by appending an incremental
 * update: a new Info dictionary, an xref section for it and a trailer pointing back (/Prev) at the
 * original. Chromium's printToPDF takes only the title from <title> and has no author option; the
 * bytes it wrote stay untouched. Strings are UTF-16BE with a BOM so Chinese survives.
 */

export interface PdfInfo {
  title: string
  author: string
  subject?: string
  keywords?: string
}

function pdfString(s: string): string {
  let hex = 'FEFF'
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase()
  return `<${hex}>`
}

function pdfDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0')
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`
}

/** Exact page geometry in pt: Chromium rounds the page size; printers want TrimBox and BleedBox. */
export interface PdfBoxes {
  width: number
  height: number
  /** Inset of the trim from the page edge (bleed + mark slug), pt. */
  trimInset: number
  /** Inset of the bleed box from the page edge (the mark slug), pt. */
  bleedInset: number
}

const num = (n: number): string => String(Math.round(n * 1000) / 1000)

/** Page objects rewritten with exact MediaBox (top-left kept where Chromium drew it), TrimBox, BleedBox. */
function pageUpdates(text: string, boxes: PdfBoxes): { id: number; body: string }[] {
  const out: { id: number; body: string }[] = []
  const re = /(\d+) 0 obj\s*<<\s*\/Type\s*\/Page(?![a-zA-Z])/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = text.indexOf('endobj', m.index)
    if (end < 0) continue
    const obj = text.slice(m.index, end)
    const media = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(obj)
    if (!media) continue
    const top = Number(media[4])
    const bottom = top - boxes.height
    const box = (inset: number): string =>
      `[${num(inset)} ${num(bottom + inset)} ${num(boxes.width - inset)} ${num(top - inset)}]`
    const rewritten = obj
      .replace(/\/(TrimBox|BleedBox|CropBox|ArtBox)\s*\[[^\]]*\]/g, '')
      .replace(media[0], `/MediaBox ${box(0)} /BleedBox ${box(boxes.bleedInset)} /TrimBox ${box(boxes.trimInset)}`)
    out.push({ id: Number(m[1]), body: `${rewritten.trimEnd()}\nendobj\n` })
  }
  return out
}

export function setPdfInfo(pdf: Buffer, info: PdfInfo, now: Date = new Date(), boxes?: PdfBoxes): Buffer {
  const text = pdf.toString('latin1')
  const startxref = text.lastIndexOf('startxref')
  if (startxref < 0) throw new Error('Not a PDF: no startxref')
  const prev = Number(/startxref\s+(\d+)/.exec(text.slice(startxref))?.[1])
  const trailerAt = text.lastIndexOf('trailer')
  // Chromium (Skia) writes a classic xref table and trailer; a cross-reference stream has no 'trailer'.
  if (trailerAt < 0 || !Number.isFinite(prev)) throw new Error('Unsupported PDF: no classic trailer')
  const trailer = text.slice(trailerAt, startxref)
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1])
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1]
  if (!Number.isFinite(size) || !root) throw new Error('Unsupported PDF: trailer without /Size or /Root')
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1]

  const fields = [
    `/Title ${pdfString(info.title)}`,
    `/Author ${pdfString(info.author)}`,
    info.subject ? `/Subject ${pdfString(info.subject)}` : '',
    info.keywords ? `/Keywords ${pdfString(info.keywords)}` : '',
    `/Creator ${pdfString('Folio')}`,
    `/Producer ${pdfString('Folio + Chromium')}`,
    `/CreationDate ${pdfDate(now)}`,
    `/ModDate ${pdfDate(now)}`,
  ].filter(Boolean)
  const sep = pdf[pdf.length - 1] === 0x0a ? '' : '\n'
  const objects = [
    ...(boxes ? pageUpdates(text, boxes) : []),
    { id: size, body: `${size} 0 obj\n<< ${fields.join(' ')} >>\nendobj\n` },
  ]
  let at = pdf.length + sep.length
  const entries = objects.map((o) => {
    const entry = `${o.id} 1\n${String(at).padStart(10, '0')} 00000 n \n`
    at += Buffer.byteLength(o.body, 'latin1')
    return entry
  })
  const xrefAt = at
  const tail =
    `${sep}${objects.map((o) => o.body).join('')}xref\n${entries.join('')}` +
    `trailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev}${id ? ` /ID ${id}` : ''} >>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`
  return Buffer.concat([pdf, Buffer.from(tail, 'latin1')])
}
