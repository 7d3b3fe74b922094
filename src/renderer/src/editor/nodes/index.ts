import { HeadingNode, QuoteNode } from '@lexical/rich-text'
import { ListItemNode, ListNode } from '@lexical/list'
import type { Klass, LexicalNode } from 'lexical'
import { PhotoNode } from './PhotoNode'

/** Every node the article body may contain. Paste keeps only these; anything else becomes text. */
export const BODY_NODES: Klass<LexicalNode>[] = [HeadingNode, QuoteNode, ListNode, ListItemNode, PhotoNode]
