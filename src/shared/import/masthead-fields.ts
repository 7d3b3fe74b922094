import type { ParsedInput } from '../api/contract'
import type { ParsedIssue } from './plaintext'

export type IssueFields = NonNullable<ParsedInput<'import.commit'>['issue']>

/** The masthead's metadata as issue fields (a title is required; fall back to a neutral one). */
export function toIssueFields(parsed: ParsedIssue): IssueFields {
  const meta = parsed.issue
  return {
    title: meta.title ?? '未命名期次',
    edition: meta.edition ?? '',
    number: meta.number ?? '',
    publicationDate: meta.date ?? '',
    guidance: meta.guidance ?? '',
    publisher: meta.publisher ?? '',
    postalCode: meta.postal_code ?? '',
    email: meta.email ?? '',
    slogan: meta.slogan.join('\n'),
  }
}
