/** The shipped house lists (data/*.json); a house edits those files or passes its own lists. */
import careful from './data/careful.json'
import repeats from './data/repeats.json'
import variants from './data/variants.json'
import wrongWords from './data/wrong-words.json'
import type { HouseLists } from './types'

export const REPEAT_SUSPECTS: string = repeats.suspects

export const DEFAULT_LISTS: HouseLists = {
  wrongWords: wrongWords.entries,
  variants: variants.entries,
  careful: careful.entries,
  repeatWhitelist: repeats.whitelist,
}
