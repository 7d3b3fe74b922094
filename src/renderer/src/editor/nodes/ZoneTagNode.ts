/** A development zone mentioned in the text, tied to a registry entry by id (see TagTextNode). */
import { $applyNodeReplacement, type LexicalNode, type NodeKey, type SerializedTextNode, type Spread } from 'lexical'
import { TagTextNode } from './TagTextNode'

export type SerializedZoneTagNode = Spread<{ zoneId: string; zoneName: string }, SerializedTextNode>

export class ZoneTagNode extends TagTextNode {
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

  protected override decorateDOM(dom: HTMLElement): void {
    dom.classList.add('tag-zone')
    dom.dataset.zone = this.__zoneName
    dom.title = this.__zoneName
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
