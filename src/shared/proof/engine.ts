/**
 * proofText: run every rule over a text and report findings; applyFixes: apply them.
 *
 *   const findings = proofText(text)                 // per changed block, off the typing path
 *   const fixed = applyFixes(text, findings)         // non-overlapping fixes, right to left
 *   const clean = fixAll(text)                       // until no fixable finding is left
 */
import { protectedSpans, SpanIndex } from './exceptions'
import { DEFAULT_LISTS } from './lists'
import { RULES } from './rules'
import type { Finding, ProofContext, ProofOptions, ProtectedSpan, Rule } from './types'

export function rulesFor(options: ProofOptions = {}): Rule[] {
  const only = options.only ? new Set(options.only) : null
  const disabled = new Set(options.disabled ?? [])
  return RULES.filter((r) => (!only || only.has(r.id)) && !disabled.has(r.id))
}

export function proofText(text: string, options: ProofOptions = {}): Finding[] {
  const ctx: ProofContext = {
    text,
    lists: { ...DEFAULT_LISTS, ...options.lists },
    zones: typeof options.zones === 'function' ? options.zones(text) : (options.zones ?? []),
  }
  const spans = protectedSpans(text)
  const indexes = new Map<string, SpanIndex>()
  const indexFor = (rule: Rule): SpanIndex => {
    const key = [...rule.exceptions].sort().join(',')
    let index = indexes.get(key)
    if (!index) {
      const kinds = new Set(rule.exceptions)
      index = new SpanIndex(spans.filter((s: ProtectedSpan) => kinds.has(s.kind)))
      indexes.set(key, index)
    }
    return index
  }
  const findings: Finding[] = []
  for (const rule of rulesFor(options)) {
    const index = indexFor(rule)
    for (const hit of rule.match(ctx)) {
      if (hit.end < hit.start || hit.start < 0 || hit.end > text.length) continue
      if (index.overlaps(hit.start, hit.end)) continue
      const detailZh = hit.detail_zh ? `：${hit.detail_zh}` : ''
      const detailEn = hit.detail_en ? `: ${hit.detail_en}` : ''
      findings.push({
        rule: rule.id,
        category: rule.category,
        start: hit.start,
        end: hit.end,
        text: text.slice(hit.start, hit.end),
        message_zh: `${rule.message_zh}${detailZh}（${rule.standard} ${rule.clause}）`,
        message_en: `${rule.message_en}${detailEn} (${rule.standard} ${rule.clause})`,
        fix: rule.fix === null ? null : hit.fix,
      })
    }
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule))
}

/**
 * Applies the fixes of `findings` (those with a fix) to `text`. Where fixes overlap, the one
 * starting first wins (ties: the longer); the others wait for the next proofing pass. A finding
 * whose `text` no longer matches the text at its offsets is skipped.
 */
export function applyFixes(text: string, findings: readonly Finding[]): string {
  const chosen: Finding[] = []
  let reached = -1
  const fixable = findings
    .filter((f) => f.fix !== null && text.slice(f.start, f.end) === f.text)
    .sort((a, b) => a.start - b.start || b.end - a.end)
  for (const f of fixable) {
    // an insertion (empty span) at the end of the previous fix still overlaps it
    if (f.start < reached || (f.start === reached && f.start === f.end)) continue
    chosen.push(f)
    reached = f.end
  }
  let out = text
  for (let i = chosen.length - 1; i >= 0; i--) {
    const f = chosen[i] as Finding
    out = out.slice(0, f.start) + (f.fix ?? f.text) + out.slice(f.end)
  }
  return out
}

/** Proof and apply fixes until no fixable finding is left (at most `passes` rounds). */
export function fixAll(text: string, options: ProofOptions = {}, passes = 4): string {
  let current = text
  for (let i = 0; i < passes; i++) {
    const fixable = proofText(current, options).filter((f) => f.fix !== null && f.fix !== f.text)
    if (fixable.length === 0) break
    const next = applyFixes(current, fixable)
    if (next === current) break
    current = next
  }
  return current
}
