/**
 * Reads whose answers may come back out of order (the server answers each request on its own):
 * an answer is applied only if no later request's answer has been applied already, so a list
 * asked for before a change and answered after it never replaces the list from after the change.
 */
export class Newest {
  private asked = 0
  private applied = 0

  /** Runs `read`; `apply` gets its answer unless a later read's answer was applied first. */
  async read<T>(read: () => Promise<T>, apply: (value: T) => void): Promise<{ value: T; stale: boolean }> {
    const ticket = ++this.asked
    const value = await read()
    const stale = ticket < this.applied
    if (!stale) {
      this.applied = ticket
      apply(value)
    }
    return { value, stale }
  }
}
