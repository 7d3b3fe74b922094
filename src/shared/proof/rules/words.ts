/** 字词 (listed wrong words, 异形词, doubled characters), 规范表述 and 体例 house rules. */
import { isHan } from '../chars'
import { REPEAT_SUSPECTS } from '../lists'
import type { CarefulEntry, Hit, ProofContext, Rule, WordEntry } from '../types'
import { regexHits, whole } from './util'

/** Entries by first character, longest first: one pass over the text, a few compares a place. */
function byFirstChar<T>(entries: readonly T[], key: (e: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const e of entries) {
    const k = key(e)
    if (k === '') continue
    const list = map.get(k[0] as string) ?? []
    list.push(e)
    map.set(k[0] as string, list)
  }
  for (const list of map.values()) list.sort((a, b) => key(b).length - key(a).length)
  return map
}

const cache = new WeakMap<object, Map<string, unknown[]>>()
function indexOf<T extends object>(entries: readonly T[], key: (e: T) => string): Map<string, T[]> {
  let map = cache.get(entries) as Map<string, T[]> | undefined
  if (!map) {
    map = byFirstChar(entries, key)
    cache.set(entries, map as Map<string, unknown[]>)
  }
  return map
}

/** Every listed word in the text, leftmost-longest, not overlapping. */
function* listed<T extends object>(
  text: string,
  entries: readonly T[],
  key: (e: T) => string,
  accept: (e: T, at: number) => boolean,
): Generator<[T, number]> {
  const index = indexOf(entries, key)
  for (let i = 0; i < text.length; i++) {
    const candidates = index.get(text[i] as string)
    if (!candidates) continue
    for (const e of candidates) {
      const word = key(e)
      if (text.startsWith(word, i) && accept(e, i)) {
        yield [e, i]
        i += word.length - 1
        break
      }
    }
  }
}

function* words(text: string, entries: readonly WordEntry[]): Generator<Hit> {
  const guard = (e: WordEntry, at: number): boolean =>
    !(e.notAfter && at > 0 && e.notAfter.includes(text[at - 1] as string)) &&
    !(e.notBefore && e.notBefore.includes(text[at + e.wrong.length] as string))
  for (const [e, at] of listed(text, entries, (e) => e.wrong, guard)) {
    yield {
      start: at,
      end: at + e.wrong.length,
      fix: e.right,
      detail_zh: `应为“${e.right}”`,
      detail_en: `write ${e.right}`,
    }
  }
}

/** 截止目前 → 截至目前: 截止 takes no object; 截至 does (截止到 and 截止日期 are right). */
function* jiezhi(ctx: ProofContext): Generator<Hit> {
  yield* regexHits(
    ctx.text,
    /截止(?=目前|今年|去年|上年|当年|年底|年末|本月|上月|\d|[一二三四五六七八九十]+月)/g,
    (m) => whole(m, '截至'),
  )
}

/** 的的, 了了, 都都: a function character typed twice, unless a whitelisted phrase has it so. */
function* repeated(ctx: ProofContext): Generator<Hit> {
  const { text } = ctx
  const whitelist = ctx.lists.repeatWhitelist
  for (let i = 0; i + 1 < text.length; i++) {
    const ch = text[i] as string
    if (ch !== text[i + 1] || !isHan(ch) || !REPEAT_SUSPECTS.includes(ch)) continue
    const allowed = whitelist.some((w) => {
      for (let k = w.indexOf(ch + ch); k >= 0; k = w.indexOf(ch + ch, k + 1)) {
        if (text.startsWith(w, i - k)) return true
      }
      return false
    })
    if (!allowed) yield { start: i, end: i + 2, fix: ch }
    i++
  }
}

function* careful(text: string, entries: readonly CarefulEntry[]): Generator<Hit> {
  for (const [e, at] of listed(
    text,
    entries,
    (e) => e.text,
    () => true,
  )) {
    yield {
      start: at,
      end: at + e.text.length,
      fix: null,
      detail_zh: `${e.advice_zh}（依据：${e.source}）`,
      detail_en: e.advice_en,
    }
  }
}

/** House rule: a zone's first mention in an article uses its full registry name. */
function* zoneFirstMention(ctx: ProofContext): Generator<Hit> {
  const seen = new Set<string>()
  for (const z of [...ctx.zones].sort((a, b) => a.start - b.start)) {
    if (!z.known || seen.has(z.name)) continue
    seen.add(z.name)
    if (z.text !== z.name && ctx.text.slice(z.start, z.end) === z.text) {
      yield {
        start: z.start,
        end: z.end,
        fix: z.name,
        detail_zh: `首次出现写作“${z.name}”`,
        detail_en: `first write ${z.name}`,
      }
    }
  }
}

export const WORD_RULES: Rule[] = [
  {
    id: 'word-wrong',
    category: '字词',
    standard: '《现代汉语词典》第7版',
    clause: '词形',
    message_zh: '错别字',
    message_en: 'Misspelt word',
    match: (ctx) => words(ctx.text, ctx.lists.wrongWords),
    fix: 'review',
    exceptions: ['url', 'latin'],
    examples: {
      bad: ['各项工作按步就班推进', '再接再励', '科学布署'],
      good: ['按部就班', '再接再厉', '请按装配图施工'],
    },
  },
  {
    id: 'word-variant',
    category: '字词',
    standard: '《第一批异形词整理表》',
    clause: 'GF 1001-2001',
    message_zh: '异形词用推荐词形',
    message_en: 'Use the recommended form of a variant word',
    match: (ctx) => words(ctx.text, ctx.lists.variants),
    fix: 'review',
    exceptions: ['url', 'latin'],
    examples: { bad: ['名符其实', '精采纷呈', '一槌定音'], good: ['名副其实', '精彩纷呈', '框架式结构', '相关连接件'] },
  },
  {
    id: 'word-jiezhi',
    category: '字词',
    standard: '《现代汉语词典》第7版',
    clause: '截止/截至',
    message_zh: '表示“到某时为止”用“截至”',
    message_en: '截至 means “up to (a date)”; 截止 takes no object',
    match: jiezhi,
    fix: 'review',
    exceptions: [],
    examples: {
      bad: ['截止目前，已签约12个项目', '截止2023年底'],
      good: ['截至目前', '报名截止日期', '截止到6月底', '6月30日截止'],
    },
  },
  {
    id: 'char-repeated',
    category: '字词',
    standard: '本报体例',
    clause: '多字',
    message_zh: '字重复',
    message_en: 'Character typed twice',
    match: repeated,
    fix: 'review',
    exceptions: [],
    examples: {
      bad: ['发展的的关键', '这这是我们的任务', '我们都都认为'],
      good: [
        '的的确确',
        '不了了之',
        '为了了解情况',
        '有的的确很难',
        '在在线平台上',
        '人人参与',
        '今年年初',
        '地方科技处处长',
      ],
    },
  },
  {
    id: 'careful-expression',
    category: '规范表述',
    standard: '本报规范表述表',
    clause: '禁用词和慎用词',
    message_zh: '规范表述',
    message_en: 'Careful expression',
    match: (ctx) => careful(ctx.text, ctx.lists.careful),
    fix: null,
    exceptions: [],
    examples: {
      bad: ['台湾政府宣布', '北朝鲜', '一带一路战略'],
      good: ['台湾当局', '共建“一带一路”国家', '“十四五”规划'],
    },
  },
  {
    id: 'zone-first-mention',
    category: '体例',
    standard: '本报体例',
    clause: '开发区名称',
    message_zh: '开发区首次出现用全称',
    message_en: 'A zone is named in full at its first mention',
    match: zoneFirstMention,
    fix: 'review',
    exceptions: [],
    examples: { bad: [], good: [] },
  },
]
