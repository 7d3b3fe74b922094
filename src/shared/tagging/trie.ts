/**
 * A trie over reversed words: finds the words ending at a position by walking the text
 * backwards one character at a time, without slicing it. Zone names are found from their last
 * character (区, 谷 …), which the detector reaches with indexOf.
 */

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>
  value: T | undefined
}

export class ReverseTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map(), value: undefined }

  /** Adds `word`; a word added twice keeps its first value. */
  add(word: string, value: T): void {
    let node = this.root
    for (let i = word.length - 1; i >= 0; i--) {
      const c = word.charAt(i)
      let child = node.children.get(c)
      if (!child) {
        child = { children: new Map(), value: undefined }
        node.children.set(c, child)
      }
      node = child
    }
    node.value ??= value
  }

  /** The value of the longest word ending at `end` (exclusive) and its length, or null. */
  longestEndingAt(text: string, end: number): { value: T; length: number } | null {
    let node: TrieNode<T> | undefined = this.root
    let found: { value: T; length: number } | null = null
    for (let i = end - 1; i >= 0 && node; i--) {
      node = node.children.get(text.charAt(i))
      if (node?.value !== undefined) found = { value: node.value, length: end - i }
    }
    return found
  }

  /** Lengths of all words ending at `end`, shortest first. */
  lengthsEndingAt(text: string, end: number): number[] {
    const lengths: number[] = []
    let node: TrieNode<T> | undefined = this.root
    for (let i = end - 1; i >= 0 && node; i--) {
      node = node.children.get(text.charAt(i))
      if (node?.value !== undefined) lengths.push(end - i)
    }
    return lengths
  }

  /** The lengths of all words ending at `end` as bits (bit L: a word of length L), up to `max`. */
  lengthMaskEndingAt(text: string, end: number, max: number): number {
    let mask = 0
    let node: TrieNode<T> | undefined = this.root
    for (let i = end - 1; i >= 0 && end - i <= max && node; i--) {
      node = node.children.get(text.charAt(i))
      if (node?.value !== undefined) mask |= 1 << (end - i)
    }
    return mask
  }

  /** Last characters of the words (the first level of the trie). */
  lastChars(): string[] {
    return [...this.root.children.keys()]
  }
}
