/// <reference types="vite/client" />
import { Converter } from 'opencc-js'
import { describe, expect, it } from 'vitest'
import zonesJson from '../../../../../resources/zones.json'
import seedText from '../../../../../resources/samples/kaifaqu-2024-25.txt?raw'
import { toImportArticle, type ImportArticle } from '@shared/import/model'
import { parseIssueText } from '@shared/import/plaintext'
import { getRule, proofText } from '@shared/proof'
import { detectTags, loadGazetteer, looksTraditional } from '@shared/tagging'
import { fixPunctuation, normalizeArticle, normalizeArticles, SAFE_PUNCTUATION_RULES } from './normalize'

const gazetteer = loadGazetteer(zonesJson)
const seedArticles = (): ImportArticle[] => parseIssueText(seedText).articles.map((a) => toImportArticle(a))

/** Every text of an article, one per field or block, in order. */
function texts(article: ImportArticle): string[] {
  const out = [article.kicker, article.headline, article.subtitle, article.dateline, article.byline]
  for (const b of article.blocks) {
    if (b.type === 'photo') out.push(b.caption, b.credit)
    else out.push(b.text)
  }
  return out.filter((t): t is string => t !== null)
}

const HALF_WIDTH_BETWEEN_HAN = /[\u4e00-\u9fff][,:;?!][\u4e00-\u9fff]/
const PUNCTUATION = /[\s,:;?!()"'.，：；？！（）“”‘’。…—-]/gu

describe('标点规范化', () => {
  it('applies only safe fixes of 标点 rules', () => {
    expect(SAFE_PUNCTUATION_RULES.length).toBeGreaterThan(0)
    for (const id of SAFE_PUNCTUATION_RULES) {
      expect(getRule(id)?.category).toBe('标点')
      expect(getRule(id)?.fix).toBe('safe')
    }
  })

  it('fixes half-width marks between Chinese characters and counts each fix', () => {
    const { text, count } = fixPunctuation('园区投产,年产值3.6亿元;占比42.3%(全省第一)')
    expect(text).toBe('园区投产，年产值3.6亿元；占比42.3%（全省第一）')
    // Each mark changed counts once: the comma, the semicolon and both brackets.
    expect(count).toBe(4)
    expect(fixPunctuation('已经规范，无须改动。')).toEqual({ text: '已经规范，无须改动。', count: 0 })
  })

  it('leaves numbers, codes, e-mail and web addresses alone', () => {
    const text = '邮发代号:21-465,投稿邮箱kfjzsk@163.com,网址https://a.example.cn/x?y=1,增长5.7%。'
    const fixed = fixPunctuation(text).text
    for (const kept of ['21-465', 'kfjzsk@163.com', 'https://a.example.cn/x?y=1', '5.7%']) expect(fixed).toContain(kept)
  })

  it('on the seed: every article proofs clean of safe 标点 fixes, only punctuation changed, tags the same', () => {
    const original = seedArticles()
    const { articles, count } = normalizeArticles(original, { punctuation: true, simplified: false })
    expect(count.simplified).toBe(0)
    // The count is what was applied: at least one fix per safe finding of the original texts.
    const findings = original
      .flatMap(texts)
      .flatMap((t) => proofText(t, { only: SAFE_PUNCTUATION_RULES }).filter((f) => f.fix !== f.text))
    expect(findings.length).toBeGreaterThan(100)
    expect(count.punctuation).toBeGreaterThanOrEqual(findings.length)

    const before = original.flatMap(texts)
    const after = articles.flatMap(texts)
    expect(after).toHaveLength(before.length)
    for (const [i, text] of after.entries()) {
      expect(text).not.toMatch(HALF_WIDTH_BETWEEN_HAN)
      expect(proofText(text, { only: SAFE_PUNCTUATION_RULES }).filter((f) => f.fix !== f.text)).toEqual([])
      // Only punctuation changed: the words and figures are the same characters in the same order.
      expect(text.replace(PUNCTUATION, '')).toBe((before[i] as string).replace(PUNCTUATION, ''))
    }
    const joined = after.join('\n')
    for (const figure of ['3.6亿元', '5.7%', '42.3%', '717亿元']) expect(joined).toContain(figure)

    const tagsOf = (all: string[]) =>
      all.flatMap((t) => detectTags(t, gazetteer).map((tag) => `${tag.kind}:${tag.text}`)).sort()
    expect(tagsOf(after)).toEqual(tagsOf(before))
  })

  it('switched off, the article is returned as it was', () => {
    const [article] = seedArticles()
    const { article: same, count } = normalizeArticle(article as ImportArticle, {
      punctuation: false,
      simplified: false,
    })
    expect(same).toBe(article)
    expect(count).toEqual({ punctuation: 0, simplified: 0 })
  })

  it('keeps the edges of bold and italic runs', () => {
    const article: ImportArticle = {
      kicker: null,
      headline: '标题:副标题',
      subtitle: null,
      dateline: null,
      byline: null,
      blocks: [
        {
          type: 'paragraph',
          text: '加粗部分,普通部分;结束。',
          runs: [{ text: '加粗部分,', bold: true }, { text: '普通部分;结束。' }],
        },
      ],
    }
    const { article: out, count } = normalizeArticle(article, { punctuation: true, simplified: false })
    expect(out.headline).toBe('标题：副标题')
    expect(out.blocks[0]).toEqual({
      type: 'paragraph',
      text: '加粗部分，普通部分；结束。',
      runs: [{ text: '加粗部分，', bold: true }, { text: '普通部分；结束。' }],
    })
    expect(count.punctuation).toBe(3)
  })
})

describe('转为简体', () => {
  const toTraditional = Converter({ from: 'cn', to: 'tw' })

  it('converts a traditional-character seed back to simplified, and figures are read again', () => {
    const original = seedArticles()
    const traditional = original.map((a) => ({
      ...a,
      headline: a.headline && toTraditional(a.headline),
      blocks: a.blocks.map((b) => (b.type === 'paragraph' ? { ...b, text: toTraditional(b.text) } : b)),
    }))
    const body = traditional.flatMap(texts).join('\n')
    expect(looksTraditional(body)).toBe(true)
    const { articles, count } = normalizeArticles(traditional, { punctuation: false, simplified: true })
    expect(count.simplified).toBeGreaterThan(100)
    expect(count.punctuation).toBe(0)
    const back = articles.flatMap(texts).join('\n')
    expect(looksTraditional(back)).toBe(false)
    expect(back).toContain('717亿元')
    expect(back).toContain('加快打造内陆地区对外开放新高地')
  })

  it('runs before punctuation when both are on, and leaves simplified text as it is', () => {
    const { article } = normalizeArticle(
      { kicker: null, headline: '開發區建設,億元項目', subtitle: null, dateline: null, byline: null, blocks: [] },
      { punctuation: true, simplified: true },
    )
    expect(article.headline).toBe('开发区建设，亿元项目')
    const plain = normalizeArticle(
      { kicker: null, headline: '开发区建设', subtitle: null, dateline: null, byline: null, blocks: [] },
      { punctuation: false, simplified: true },
    )
    expect(plain.count.simplified).toBe(0)
    expect(plain.article.headline).toBe('开发区建设')
  })
})
