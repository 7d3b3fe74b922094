import type { Tag } from '../tagging'
import type { ZoneMention } from './types'

/** The zone mentions of detectTags' output, for ProofOptions.zones. */
export function zoneMentions(tags: readonly Tag[]): ZoneMention[] {
  return tags.flatMap((t) =>
    t.kind === 'zone' ? [{ start: t.start, end: t.end, text: t.text, name: t.zone.name, known: t.zone.known }] : [],
  )
}
