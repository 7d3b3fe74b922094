/** Where an import goes by default: never a new issue when the editor is already in one. */
import type { Issue } from '@shared/api/types'
import type { IssueFields } from '@shared/import/masthead-fields'

export type ImportTarget = 'new' | number

/**
 * The issue selected in the workbench when there is one; else an issue already in the library
 * with the same 刊名 and 期号 as the file's masthead (importing it again would make a duplicate);
 * else a new issue from the masthead. The editor can still choose 新建一期 in the dialog.
 */
export function defaultImportTarget(
  currentIssueId: number | null,
  issues: readonly Pick<Issue, 'id' | 'title' | 'number'>[],
  masthead: IssueFields | null,
): ImportTarget {
  if (currentIssueId !== null && issues.some((i) => i.id === currentIssueId)) return currentIssueId
  const title = masthead?.title.trim() ?? ''
  const number = masthead?.number?.trim() ?? ''
  if (title !== '') {
    const same = issues.find((i) => i.title.trim() === title && i.number.trim() === number)
    if (same) return same.id
  }
  return 'new'
}
