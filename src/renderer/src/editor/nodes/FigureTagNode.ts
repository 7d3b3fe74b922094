/**
 * A key figure in the text (717亿元, 42.3%): its value with the magnitude folded in, unit,
 * qualifier (约, 超过 …), and the editor's metric label and period for fact-checking.
 */
import { $applyNodeReplacement, type LexicalNode, type NodeKey, type SerializedTextNode, type Spread } from 'lexical'
import type { FigureFacts } from '@shared/api/tagging-types'
import { TagTextNode } from './TagTextNode'

/** zone: the zone the figure belongs to as read from its sentence or set by the editor ('' or absent: the index decides). */
export type FigureData = FigureFacts & { zone?: string }

const EMPTY_FIGURE: FigureData = { value: 0, unit: '', qualifier: null, metric: '', period: '' }

export type SerializedFigureTagNode = Spread<
  { value: number; unit: string; qualifier: string | null; metric: string; period: string; zone?: string },
  SerializedTextNode
>

export class FigureTagNode extends TagTextNode {
  __figure: FigureData

  static override getType(): string {
    return 'figure-tag'
  }

  static override clone(node: FigureTagNode): FigureTagNode {
    return new FigureTagNode(node.__text, node.__figure, node.__key)
  }

  static override importJSON(json: SerializedFigureTagNode): FigureTagNode {
    const { value, unit, qualifier, metric, period, zone } = json
    return $createFigureTagNode(json.text, {
      value,
      unit,
      qualifier: qualifier ?? null,
      metric: metric ?? '',
      period: period ?? '',
      ...(zone && { zone }),
    }).updateFromJSON(json)
  }

  constructor(text = '', figure: FigureData = EMPTY_FIGURE, key?: NodeKey) {
    super(text, key)
    this.__figure = figure
  }

  override exportJSON(): SerializedFigureTagNode {
    return { ...super.exportJSON(), ...this.__figure, type: 'figure-tag' }
  }

  protected override decorateDOM(dom: HTMLElement): void {
    dom.classList.add('tag-figure')
    dom.title = describeFigure(this.__figure)
  }

  getFigure(): FigureData {
    return this.getLatest().__figure
  }

  setFigure(figure: FigureData): this {
    const writable = this.getWritable()
    writable.__figure = figure
    return writable
  }
}

/** One formatter for every figure: toLocaleString builds a new one per call (tens of µs each). */
const VALUE_FORMAT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6 })

export function describeFigure(f: FigureData): string {
  const value = VALUE_FORMAT.format(f.value)
  return [f.zone, f.metric, f.period, `${f.qualifier ?? ''}${value} ${f.unit}`].filter(Boolean).join(' · ')
}

export function $createFigureTagNode(text: string, figure: FigureData): FigureTagNode {
  return $applyNodeReplacement(new FigureTagNode(text, figure))
}

export function $isFigureTagNode(node: LexicalNode | null | undefined): node is FigureTagNode {
  return node instanceof FigureTagNode
}
