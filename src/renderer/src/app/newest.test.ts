import { describe, expect, it } from 'vitest'
import { Newest } from './newest'

describe('Newest', () => {
  it('does not apply an answer older than one already applied', async () => {
    const newest = new Newest()
    const applied: string[] = []
    let answerFirst: (v: string) => void = () => {}
    const first = newest.read(
      () => new Promise<string>((done) => (answerFirst = done)),
      (v) => applied.push(v),
    )
    const second = await newest.read(
      async () => 'after',
      (v) => applied.push(v),
    )
    answerFirst('before')
    expect(second.stale).toBe(false)
    expect((await first).stale).toBe(true)
    expect(applied).toEqual(['after'])
  })

  it('applies answers that come back in order', async () => {
    const newest = new Newest()
    const applied: number[] = []
    for (const n of [1, 2, 3])
      await newest.read(
        async () => n,
        (v) => applied.push(v),
      )
    expect(applied).toEqual([1, 2, 3])
  })
})
