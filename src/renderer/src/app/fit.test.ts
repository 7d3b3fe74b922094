import { describe, expect, it } from 'vitest'
import { fitLine, type Measure } from './fit'

// A font where a CJK character is 2 units and anything else 1 (the ellipsis included); the second
// run is a smaller font, every character 1.
const measure: Measure = (text, part) =>
  Array.from(text).reduce((w, c) => w + (part === 0 && /[\u4e00-\u9fff]/.test(c) ? 2 : 1), 0)

describe('fitLine', () => {
  it('keeps every run whole while the line fits, to the last unit', () => {
    expect(fitLine(['开发区', ' 12%'], measure, 10)).toEqual(['开发区', ' 12%'])
    expect(fitLine(['开发区'], measure, 6)).toEqual(['开发区'])
  })

  it('cuts the run that overflows at a character, with the ellipsis inside the width', () => {
    expect(fitLine(['孝义经济开发区'], measure, 9)).toEqual(['孝义经济…'])
    const [cut] = fitLine(['孝义经济开发区'], measure, 9)
    expect(measure(cut!, 0)).toBeLessThanOrEqual(9)
  })

  it('drops the runs after a cut one, and cuts the second run in its own font', () => {
    expect(fitLine(['孝义经济开发区', ' 工业总产值'], measure, 9)).toEqual(['孝义经济…', ''])
    // The first run whole (6) leaves 4: ' 工业' + '…' in the second run's font.
    expect(fitLine(['开发区', ' 工业总产值'], measure, 10)).toEqual(['开发区', ' 工业…'])
  })

  it('keeps a whole run only if the ellipsis for what follows still fits beside it', () => {
    // '开发区' (6) fits 6, but then nothing is left to mark the reading as cut.
    expect(fitLine(['开发区', ' 产值'], measure, 6)).toEqual(['开发…', ''])
  })

  it('drops trailing spaces before the ellipsis, and never splits a surrogate pair', () => {
    expect(fitLine(['a b  cdef'], measure, 5)).toEqual(['a b…'])
    expect(fitLine(['𠀀𠀀𠀀𠀀'], (t) => Array.from(t).length, 3)).toEqual(['𠀀𠀀…'])
  })

  it('gives the ellipsis alone when no character fits beside it, and nothing when it does not fit', () => {
    expect(fitLine(['开发区'], measure, 1)).toEqual(['…'])
    expect(fitLine(['开发区'], measure, 0)).toEqual([''])
  })
})
