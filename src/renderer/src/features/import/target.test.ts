import { describe, expect, it } from 'vitest'
import { defaultImportTarget } from './target'

const issues = [
  { id: 1, title: '开发区建设', number: '2024年第24期' },
  { id: 2, title: '开发区建设', number: '2024年第25期' },
]
const masthead = { title: '开发区建设', number: '2024年第25期', edition: '园区周刊' }

describe('defaultImportTarget', () => {
  it('keeps the selected issue even when the file has a masthead', () => {
    expect(defaultImportTarget(1, issues, masthead)).toBe(1)
    expect(defaultImportTarget(1, issues, { title: '别的报纸', number: '第3期' })).toBe(1)
  })

  it('with no issue selected, takes the issue the masthead already names instead of a duplicate', () => {
    expect(defaultImportTarget(null, issues, masthead)).toBe(2)
    expect(defaultImportTarget(null, issues, { title: ' 开发区建设 ', number: '2024年第24期 ' })).toBe(1)
  })

  it('makes a new issue only when none is selected and the masthead names none in the library', () => {
    expect(defaultImportTarget(null, issues, { title: '开发区建设', number: '2024年第26期' })).toBe('new')
    expect(defaultImportTarget(null, [], masthead)).toBe('new')
    expect(defaultImportTarget(null, issues, null)).toBe('new')
    expect(defaultImportTarget(null, issues, { title: '' })).toBe('new')
  })

  it('ignores a selected id that is not in the list (an issue deleted meanwhile)', () => {
    expect(defaultImportTarget(9, issues, { title: '别的报纸' })).toBe('new')
  })
})
