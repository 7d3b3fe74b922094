/**
 * One newspaper page drawn to scale on its column grid: the masthead or folio band, the article
 * blocks with their copyfit, dragged to move and resized from the corner, snapping to columns and lines.
 */
import { useRef, useState } from 'react'
import {
  blockBox,
  grid,
  reservedLines,
  type LayoutBlock,
  type LayoutPage,
  type PageTemplate,
} from '@shared/layout/model'
import type { BlockFit } from '@shared/layout/outcome'
import { useI18n } from '../../app/i18n'

interface Drag {
  articleId: number
  mode: 'move' | 'resize'
  x: number
  y: number
  origin: LayoutBlock
}

export function PageCanvas({
  template,
  page,
  scale,
  headlines,
  fits,
  selected,
  onSelect,
  onChange,
}: {
  template: PageTemplate
  page: LayoutPage
  /** Pixels per millimetre. */
  scale: number
  headlines: Map<number, string>
  /** Keyed `${articleId}:${part}` (a 转版 article has a block on each page it runs on). */
  fits: Map<string, BlockFit>
  selected: number | null
  onSelect(articleId: number): void
  onChange(block: LayoutBlock): void
}) {
  const { t } = useI18n()
  const g = grid(template)
  const [drag, setDrag] = useState<Drag | null>(null)
  const [preview, setPreview] = useState<LayoutBlock | null>(null)
  const ref = useRef<HTMLDivElement>(null)
  const top = reservedLines(template, page.number)
  const px = (mm: number): number => mm * scale

  const snap = (d: Drag, dxPx: number, dyPx: number): LayoutBlock => {
    const cols = Math.round(dxPx / scale / (g.columnWidth + g.gutter))
    const lines = Math.round(dyPx / scale / g.leading)
    const b = d.origin
    if (d.mode === 'move') {
      return {
        ...b,
        col: Math.min(Math.max(0, b.col + cols), g.columns - b.span),
        line: Math.min(Math.max(top, b.line + lines), g.lines - b.lines),
      }
    }
    return {
      ...b,
      span: Math.min(Math.max(1, b.span + cols), g.columns - b.col),
      lines: Math.min(Math.max(3, b.lines + lines), g.lines - b.line),
    }
  }

  const start = (e: React.PointerEvent, block: LayoutBlock, mode: Drag['mode']): void => {
    e.stopPropagation()
    e.preventDefault()
    onSelect(block.articleId)
    ref.current?.setPointerCapture(e.pointerId)
    setDrag({ articleId: block.articleId, mode, x: e.clientX, y: e.clientY, origin: block })
  }

  return (
    <div
      ref={ref}
      className="page-canvas"
      data-testid="page-canvas"
      data-page={page.number}
      style={{ width: px(template.trim.width), height: px(template.trim.height) }}
      onPointerMove={(e) => drag && setPreview(snap(drag, e.clientX - drag.x, e.clientY - drag.y))}
      onPointerUp={() => {
        if (drag && preview && JSON.stringify(preview) !== JSON.stringify(drag.origin)) onChange(preview)
        setDrag(null)
        setPreview(null)
      }}
    >
      <div className="type-area" style={{ left: px(g.left), top: px(g.top), width: px(g.width), height: px(g.height) }}>
        {Array.from({ length: g.columns }, (_, c) => (
          <div
            key={c}
            className="grid-col"
            style={{ left: px(c * (g.columnWidth + g.gutter)), width: px(g.columnWidth) }}
          />
        ))}
        <div
          className={page.number === 1 ? 'band masthead-band' : 'band folio-band'}
          style={{ height: px(top * g.leading) }}
        >
          {page.number === 1 ? t('layout.masthead') : t('layout.folio', { page: page.number, name: page.name })}
        </div>
        {page.blocks.map((original) => {
          const part = original.part ?? 0
          const block = preview?.articleId === original.articleId && (preview.part ?? 0) === part ? preview : original
          const box = blockBox(g, block)
          const fit = fits.get(`${block.articleId}:${part}`)
          return (
            <div
              key={`${block.articleId}:${part}`}
              className={`layout-block${selected === block.articleId ? ' selected' : ''}${fit && fit.overChars > 0 ? ' overset' : ''}`}
              data-testid="layout-block"
              data-article-id={block.articleId}
              data-part={part}
              data-col={block.col}
              data-span={block.span}
              data-line={block.line}
              data-lines={block.lines}
              data-manual={block.manual ? 'true' : undefined}
              style={{ left: px(box.left), top: px(box.top), width: px(box.width), height: px(box.height) }}
              onPointerDown={(e) => start(e, original, 'move')}
            >
              <div className="block-headline">
                {headlines.get(block.articleId) || t('articles.untitled')}
                {part > 0 && <span className="chip">{t('layout.part', { part })}</span>}
              </div>
              <div className="block-size">
                {t('layout.size', { span: block.span, lines: block.lines })}
                {fit && (
                  <span
                    className={`fit ${fit.overChars > 0 ? 'over' : fit.shortLines > 0 ? 'short' : 'ok'}`}
                    data-testid="fit"
                  >
                    {fit.overChars > 0
                      ? t('layout.over', { count: fit.overChars })
                      : fit.shortLines > 0
                        ? t('layout.short', { count: fit.shortLines })
                        : t('layout.fits')}
                  </span>
                )}
              </div>
              <span
                className="resize-handle"
                data-testid="resize-handle"
                onPointerDown={(e) => start(e, original, 'resize')}
              />
            </div>
          )
        })}
      </div>
    </div>
  )
}
