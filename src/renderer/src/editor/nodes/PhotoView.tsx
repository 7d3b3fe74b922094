import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext'
import { $getNodeByKey, type NodeKey } from 'lexical'
import { createContext, useContext, useEffect, useState } from 'react'
import type { CaptionTag } from '@shared/doc/caption-tags'
import { callForBytes, callWithBytes } from '../../api'
import { useI18n } from '../../app/i18n'
import { describeFigure } from './FigureTagNode'
import type { PhotoNode } from './PhotoNode'

/** The publication's credit style, e.g. '■ {name}摄' (issue settings). */
export const CreditStyleContext = createContext('■ {name}摄')

const imageUrls = new Map<string, string>()

function useImageUrl(hash: string | null): string | null {
  const [url, setUrl] = useState<string | null>(hash ? (imageUrls.get(hash) ?? null) : null)
  useEffect(() => {
    if (!hash || imageUrls.has(hash)) return
    let live = true
    callForBytes('image.get', { hash })
      .then((image) => {
        // A blob: URL of the bytes, kept for the page's life (images are stored once, by hash).
        const blobUrl = URL.createObjectURL(new Blob([image.bytes as BlobPart], { type: image.mime }))
        imageUrls.set(hash, blobUrl)
        if (live) setUrl(blobUrl)
      })
      .catch(() => live && setUrl(null))
    return () => {
      live = false
    }
  }, [hash])
  return url
}

export function PhotoView({
  nodeKey,
  image,
  caption,
  credit,
  tags,
}: {
  nodeKey: NodeKey
  image: string | null
  caption: string
  credit: string
  tags: readonly CaptionTag[]
}) {
  const [editor] = useLexicalComposerContext()
  const { t } = useI18n()
  const creditStyle = useContext(CreditStyleContext)
  const url = useImageUrl(image)
  const [error, setError] = useState<string | null>(null)

  const update = (change: (node: PhotoNode) => void): void => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey)
      if (node && node.getType() === 'photo') change(node as PhotoNode)
    })
  }

  const choose = async (file: File | undefined): Promise<void> => {
    if (!file) return
    try {
      const { hash } = await callWithBytes('image.put', new Uint8Array(await file.arrayBuffer()), {})
      update((node) => node.setImage(hash))
      setError(null)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <figure className="photo" data-testid="photo">
      {url ? (
        <img src={url} alt={caption} className="photo-img" />
      ) : (
        <label className="photo-frame">
          <span>{image ? '…' : t('photo.placeholder')}</span>
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
      )}
      {error && <div className="form-error">{error}</div>}
      <figcaption className="photo-caption">
        <textarea
          rows={1}
          value={caption}
          placeholder={t('photo.caption')}
          aria-label={t('photo.caption')}
          data-testid="photo-caption"
          onChange={(e) => update((node) => node.setCaption(e.target.value))}
        />
        <span className="photo-credit">
          <input
            value={credit}
            placeholder={t('photo.credit')}
            aria-label={t('photo.credit')}
            data-testid="photo-credit"
            onChange={(e) => update((node) => node.setCredit(e.target.value))}
          />
          {credit && <span className="photo-credit-print">{creditStyle.replace('{name}', credit)}</span>}
        </span>
      </figcaption>
      {tags.length > 0 && (
        <ul className="caption-tags" aria-label={t('photo.tags')}>
          {tags.map((tag) => (
            <li
              key={tag.start}
              className={tag.type === 'zone-tag' ? 'tag-zone' : 'tag-figure'}
              data-testid="caption-tag"
              data-zone={tag.type === 'zone-tag' ? tag.zoneName : undefined}
              title={tag.type === 'zone-tag' ? tag.zoneName : describeFigure(tag)}
            >
              {tag.text}
              <button
                type="button"
                className="icon-btn visible"
                aria-label={t('tags.remove')}
                onClick={() => update((node) => node.removeCaptionTag(tag.start))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </figure>
  )
}
