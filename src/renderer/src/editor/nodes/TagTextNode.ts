/**
 * What zone and figure tags share: a text node (edits, copies, undoes and saves like text) that
 * refuses text at its edges, so typing or an input method composing next to a tag goes outside
 * it; subclasses only say how the tag shows itself.
 */
import { TextNode, type EditorConfig } from 'lexical'

export abstract class TagTextNode extends TextNode {
  /** Adds the tag's class and tooltip to its DOM element. */
  protected abstract decorateDOM(dom: HTMLElement): void

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config)
    dom.classList.add('tag')
    this.decorateDOM(dom)
    return dom
  }

  override updateDOM(prev: this, dom: HTMLElement, config: EditorConfig): boolean {
    const changed = super.updateDOM(prev, dom, config)
    this.decorateDOM(dom)
    return changed
  }

  override canInsertTextBefore(): false {
    return false
  }

  override canInsertTextAfter(): false {
    return false
  }
}
