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
import { addCaptionTag, readCaptionTags, reanchorCaptionTags, type CaptionTag } from '@shared/doc/caption-tags'
import { PhotoView } from './PhotoView'

export type SerializedPhotoNode = Spread<
  { image: string | null; caption: string; credit: string; tags?: CaptionTag[] },
  SerializedLexicalNode
>

export class PhotoNode extends DecoratorNode<JSX.Element> {
  __image: string | null
  __caption: string
  __credit: string
  /** Zone and figure tags inside the caption (see shared/doc/caption-tags). */
  __tags: readonly CaptionTag[]

  static override getType(): string {
    return 'photo'
  }

  static override clone(node: PhotoNode): PhotoNode {
    return new PhotoNode(node.__image, node.__caption, node.__credit, node.__key, node.__tags)
  }

  static override importJSON(json: SerializedPhotoNode): PhotoNode {
    const caption = json.caption ?? ''
    return $createPhotoNode({
      image: json.image ?? null,
      caption,
      credit: json.credit ?? '',
      tags: readCaptionTags(caption, json.tags),
    })
  }

  constructor(image: string | null, caption: string, credit: string, key?: NodeKey, tags: readonly CaptionTag[] = []) {
    super(key)
    this.__image = image
    this.__caption = caption
    this.__credit = credit
    this.__tags = tags
  }

  override exportJSON(): SerializedPhotoNode {
    const json: SerializedPhotoNode = {
      type: 'photo',
      version: 1,
      image: this.__image,
      caption: this.__caption,
      credit: this.__credit,
    }
    // Untagged captions keep the shape photos have always had.
    if (this.__tags.length > 0) json.tags = [...this.__tags]
    return json
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

  getCaption(): string {
    return this.getLatest().__caption
  }

  /** Edits the caption; its tags follow the text (see reanchorCaptionTags). */
  setCaption(caption: string): void {
    const writable = this.getWritable()
    writable.__tags = reanchorCaptionTags(writable.__caption, caption, writable.__tags)
    writable.__caption = caption
  }

  getCaptionTags(): readonly CaptionTag[] {
    return this.getLatest().__tags
  }

  /** False when the span no longer matches the caption or overlaps a tag already there. */
  addCaptionTag(tag: CaptionTag): boolean {
    const next = addCaptionTag(this.getLatest().__caption, this.getLatest().__tags, tag)
    if (!next) return false
    this.getWritable().__tags = next
    return true
  }

  removeCaptionTag(start: number): void {
    this.getWritable().__tags = this.getLatest().__tags.filter((tag) => tag.start !== start)
  }

  setCredit(credit: string): void {
    this.getWritable().__credit = credit
  }

  override decorate(): JSX.Element {
    return (
      <PhotoView
        nodeKey={this.getKey()}
        image={this.__image}
        caption={this.__caption}
        credit={this.__credit}
        tags={this.__tags}
      />
    )
  }
}

export function $createPhotoNode(photo: {
  image: string | null
  caption: string
  credit: string
  tags?: readonly CaptionTag[]
}): PhotoNode {
  return $applyNodeReplacement(new PhotoNode(photo.image, photo.caption, photo.credit, undefined, photo.tags))
}

export function $isPhotoNode(node: LexicalNode | null | undefined): node is PhotoNode {
  return node instanceof PhotoNode
}
