/**
 * A development zone mentioned in the text, tied to a registry entry by id. A text node, so it
 * edits, copies, undoes and saves like text; typing at its edges goes outside it, so an input
 * method composing next to a tag never writes into it.
 */
import {
  $applyNodeReplacement,
  TextNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedTextNode,
  type Spread,
} from 'lexical'

export type SerializedZoneTagNode = Spread<{ zoneId: string; zoneName: string }, SerializedTextNode>

export class ZoneTagNode extends TextNode {
  __zoneId: string
  __zoneName: string

  static override getType(): string {
    return 'zone-tag'
  }

  static override clone(node: ZoneTagNode): ZoneTagNode {
    return new ZoneTagNode(node.__text, node.__zoneId, node.__zoneName, node.__key)
  }

  static override importJSON(json: SerializedZoneTagNode): ZoneTagNode {
    return $createZoneTagNode(json.text, json.zoneId, json.zoneName).updateFromJSON(json)
  }

  constructor(text: string, zoneId: string, zoneName: string, key?: NodeKey) {
    super(text, key)
    this.__zoneId = zoneId
    this.__zoneName = zoneName
  }

  override exportJSON(): SerializedZoneTagNode {
    return { ...super.exportJSON(), type: 'zone-tag', zoneId: this.__zoneId, zoneName: this.__zoneName }
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const dom = super.createDOM(config)
    dom.classList.add('tag', 'tag-zone')
    dom.dataset.zone = this.__zoneName
    dom.title = this.__zoneName
    return dom
  }

  override updateDOM(prev: this, dom: HTMLElement, config: EditorConfig): boolean {
    const changed = super.updateDOM(prev, dom, config)
    dom.dataset.zone = this.__zoneName
    dom.title = this.__zoneName
    return changed
  }

  override canInsertTextBefore(): false {
    return false
  }

  override canInsertTextAfter(): false {
    return false
  }

  getZoneId(): string {
    return this.getLatest().__zoneId
  }

  getZoneName(): string {
    return this.getLatest().__zoneName
  }

  setZone(zoneId: string, zoneName: string): this {
    const writable = this.getWritable()
    writable.__zoneId = zoneId
    writable.__zoneName = zoneName
    return writable
  }
}

export function $createZoneTagNode(text: string, zoneId: string, zoneName: string): ZoneTagNode {
  return $applyNodeReplacement(new ZoneTagNode(text, zoneId, zoneName))
}

export function $isZoneTagNode(node: LexicalNode | null | undefined): node is ZoneTagNode {
  return node instanceof ZoneTagNode
}
