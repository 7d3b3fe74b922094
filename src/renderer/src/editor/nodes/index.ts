import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListItemNode, ListNode } from '@lexical/list'
import type { Klass, LexicalNode } from 'lexical'
import { FigureTagNode } from './FigureTagNode'
import { PhotoNode } from './PhotoNode'
import { ZoneTagNode } from './ZoneTagNode'

/** Every node the article body may contain. Paste keeps only these; anything else becomes text. */
export const BODY_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  PhotoNode,
  ZoneTagNode,
  FigureTagNode,
]
