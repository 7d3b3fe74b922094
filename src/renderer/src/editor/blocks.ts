/**
 * Which blocks an update touched, so that per-block work (字数, tag detection) is redone for those
 * blocks only. Lexical marks every ancestor of a changed node as a dirty element and a changed
 * leaf (text, photo) as a dirty leaf, so a top-level block or list item that changed is always in
 * one of the two. Undo, redo and a replaced editor state mark only the root: then everything is
 * treated as changed.
 */
import type { UpdateListenerPayload } from 'lexical'

export type Dirty = { all: true } | { all: false; keys: ReadonlySet<string> }

export const ALL: Dirty = { all: true }

export function isDirty(dirty: Dirty, key: string): boolean {
  return dirty.all || dirty.keys.has(key)
}

/** Collects the keys of changed nodes between two runs of a deferred job. */
export class DirtyBlocks {
  private keys = new Set<string>()
  private all = true

  /** Notes what an update changed; false when it changed nothing (a selection move). */
  note({
    dirtyElements,
    dirtyLeaves,
    tags,
  }: Pick<UpdateListenerPayload, 'dirtyElements' | 'dirtyLeaves' | 'tags'>): boolean {
    if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return false
    const rootOnly = dirtyLeaves.size === 0 && dirtyElements.size === 1 && dirtyElements.has('root')
    if (rootOnly || tags.has('historic')) this.all = true
    if (!this.all) {
      for (const key of dirtyElements.keys()) this.keys.add(key)
      for (const key of dirtyLeaves) this.keys.add(key)
    }
    return true
  }

  /** What changed since the last take, and start collecting afresh. */
  take(): Dirty {
    const dirty: Dirty = this.all ? ALL : { all: false, keys: this.keys }
    this.all = false
    this.keys = new Set()
    return dirty
  }

  /** Treat everything as changed at the next take (a new listener, new detector data). */
  reset(): void {
    this.all = true
    this.keys = new Set()
  }
}
