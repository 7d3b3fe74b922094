/**
 * How many bytes one request of each method may carry on a transport (browser-mode HTTP body,
 * Electron IPC message), derived from the contract so that a transport never refuses what the
 * contract accepts, and never accepts much more. Defined once here; every transport uses
 * `requestLimit(method)`.
 *
 * The numbers come from the zod schemas themselves (the base64 `data` fields' `.max`), from
 * MAX_BODY / MAX_FIELD, and from MAX_TEXT_BYTES (the largest text file import reads).
 */
import { MAX_BODY, MAX_FIELD, schemas, type Method } from './contract'
import { MAX_TEXT_BYTES } from '../import/decode'

const MIB = 1024 * 1024

/** Room for the JSON around the payload: keys, braces, the other (small) fields. */
const ENVELOPE = 64 * 1024

/**
 * JSON.stringify writes at most 6 bytes per UTF-16 code unit of a string (a control character
 * becomes `\u00XX`); a Chinese character is 3 bytes of UTF-8.
 */
const JSON_BYTES_PER_UNIT = 6

/** The `.max` of a method's base64 `data` field, in characters (= bytes: base64 is ASCII). */
function base64Max(method: 'image.put' | 'import.docx' | 'import.bundle'): number {
  const max = schemas[method].shape.data.maxLength
  if (max === null) throw new Error(`${method}.data has no max length`)
  return max
}

/** The largest base64 payloads the contract accepts, in characters. */
export const MAX_IMAGE_BASE64 = base64Max('image.put')
export const MAX_DOCX_BASE64 = base64Max('import.docx')
export const MAX_BUNDLE_BASE64 = base64Max('import.bundle')

/** Bytes decoded from `chars` of base64. */
export function base64Bytes(chars: number): number {
  return Math.floor((chars * 3) / 4)
}

/** The largest image (raw bytes) image.put accepts: 21 MB. */
export const MAX_IMAGE_BYTES = base64Bytes(MAX_IMAGE_BASE64)
/** The largest .folio bundle file (raw bytes) import.bundle accepts: 210 MB. */
export const MAX_BUNDLE_BYTES = base64Bytes(MAX_BUNDLE_BASE64)

/** article.create / article.update: a body of MAX_BODY characters and six fields of MAX_FIELD. */
const ARTICLE_WRITE = JSON_BYTES_PER_UNIT * (MAX_BODY + 6 * MAX_FIELD) + ENVELOPE

/**
 * Every other method: its input is a few ids and short strings (layout.save, the largest, is a
 * few hundred blocks of numbers). The flat transport cap Folio had before these limits.
 */
export const DEFAULT_REQUEST_BYTES = 8 * MIB

/** Bytes one request of each method may carry; anything larger is refused as too_large. */
export const REQUEST_LIMITS: Readonly<Record<Method, number>> = Object.freeze({
  ...(Object.fromEntries(Object.keys(schemas).map((m) => [m, DEFAULT_REQUEST_BYTES])) as Record<Method, number>),
  'article.create': ARTICLE_WRITE,
  'article.update': ARTICLE_WRITE,
  'image.put': MAX_IMAGE_BASE64 + ENVELOPE,
  'import.docx': MAX_DOCX_BASE64 + ENVELOPE,
  // PDF import: as large as a .docx (the same data maximum in the contract).
  'import.pdf': MAX_DOCX_BASE64 + ENVELOPE,
  'import.bundle': MAX_BUNDLE_BASE64 + ENVELOPE,
  // What the import preview commits: the images of a .docx (at most the .docx itself, in base64)
  // and the text of at most a MAX_TEXT_BYTES file, twice (paragraph text and its runs), JSON-escaped.
  'import.commit': MAX_DOCX_BASE64 + 2 * 2 * MAX_TEXT_BYTES + ENVELOPE,
})

/** The largest request the transport reads at all, whatever the method. */
export const MAX_REQUEST_LIMIT = Math.max(...Object.values(REQUEST_LIMITS))

/** Bytes a request for `method` may carry; unknown methods get the default (and are then refused). */
export function requestLimit(method: string): number {
  return Object.prototype.hasOwnProperty.call(REQUEST_LIMITS, method)
    ? REQUEST_LIMITS[method as Method]
    : DEFAULT_REQUEST_BYTES
}
