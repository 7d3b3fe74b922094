/**
 * A news photo in the body: the image (stored once in the library, by hash) or an empty frame
 * while only the caption is known, its caption (图片说明, part of the counted text) and credit,
 * shown in the publication's house style (■ 王超摄).
 */
import {
  $applyNodeReplacement,
  DecoratorNode,
  type EditorConfig,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from 'lexical'
import type { JSX } from 'react'
import { PhotoView } from './PhotoView'

export type SerializedPhotoNode = Spread<
  { image: string | null; caption: string; credit: string },
  SerializedLexicalNode
>

export class PhotoNode extends DecoratorNode<JSX.Element> {
  __image: string | null
  __caption: string
  __credit: string

  static override getType(): string {
    return 'photo'
  }

  static override clone(node: PhotoNode): PhotoNode {
    return new PhotoNode(node.__image, node.__caption, node.__credit, node.__key)
  }

  static override importJSON(json: SerializedPhotoNode): PhotoNode {
    return $createPhotoNode({ image: json.image ?? null, caption: json.caption ?? '', credit: json.credit ?? '' })
  }

  constructor(image: string | null, caption: string, credit: string, key?: NodeKey) {
    super(key)
    this.__image = image
    this.__caption = caption
    this.__credit = credit
  }

  override exportJSON(): SerializedPhotoNode {
    return { type: 'photo', version: 1, image: this.__image, caption: this.__caption, credit: this.__credit }
  }

  override createDOM(config: EditorConfig): HTMLElement {
    const div = document.createElement('div')
    div.className = config.theme.photo ?? 'ed-photo'
    return div
  }

  override updateDOM(): false {
    return false
  }

  override isInline(): false {
    return false
  }

  /** Captions count, search and tag as text. */
  override getTextContent(): string {
    return this.__caption
  }

  getImage(): string | null {
    return this.getLatest().__image
  }

  setImage(image: string | null): void {
    this.getWritable().__image = image
  }

  setCaption(caption: string): void {
    this.getWritable().__caption = caption
  }

  setCredit(credit: string): void {
    this.getWritable().__credit = credit
  }

  override decorate(): JSX.Element {
    return <PhotoView nodeKey={this.getKey()} image={this.__image} caption={this.__caption} credit={this.__credit} />
  }
}

export function $createPhotoNode(photo: { image: string | null; caption: string; credit: string }): PhotoNode {
  return $applyNodeReplacement(new PhotoNode(photo.image, photo.caption, photo.credit))
}

export function $isPhotoNode(node: LexicalNode | null | undefined): node is PhotoNode {
  return node instanceof PhotoNode
}
