/**
 * 校对 settings kept in the library (issue 10): rules switched off for the whole library or for one
 * article, and findings ignored in an article (by ignoreKey, so an ignore survives edits around it).
 * The editor and the 校对报告 read the same settings; each change records who made it.
 */
import { fail } from '../../shared/api/errors'
import type { ProofSettings } from '../../shared/api/proof-types'
import { getRule } from '../../shared/proof'
import { articleRow } from './articles'
import { isoNow, type ServiceContext } from './context'

/** Rules off for every article of the library. */
export function rulesOffLibrary(ctx: ServiceContext): string[] {
  return ctx.db
    .prepare('SELECT rule FROM proof_rules_off WHERE article_id IS NULL ORDER BY rule')
    .pluck()
    .all() as string[]
}

/** Rules off for one article (besides the library's). */
export function rulesOffArticle(ctx: ServiceContext, articleId: number): string[] {
  return ctx.db
    .prepare('SELECT rule FROM proof_rules_off WHERE article_id = ? ORDER BY rule')
    .pluck()
    .all(articleId) as string[]
}

export function ignoredKeys(ctx: ServiceContext, articleId: number): string[] {
  return ctx.db
    .prepare('SELECT key FROM proof_ignores WHERE article_id = ? ORDER BY at, key')
    .pluck()
    .all(articleId) as string[]
}

export function proofSettings(ctx: ServiceContext, articleId: number): ProofSettings {
  articleRow(ctx, articleId)
  return {
    articleId,
    offLibrary: rulesOffLibrary(ctx),
    offArticle: rulesOffArticle(ctx, articleId),
    ignored: ignoredKeys(ctx, articleId),
  }
}

export function setRule(
  ctx: ServiceContext,
  input: { articleId: number; rule: string; on: boolean; scope: 'article' | 'library' },
): ProofSettings {
  articleRow(ctx, input.articleId)
  if (!getRule(input.rule)) {
    fail('invalid_input', `没有这条校对规则：${input.rule}。`, `There is no proofing rule ${input.rule}.`, 'rule')
  }
  const scope = input.scope === 'library' ? null : input.articleId
  if (input.on) {
    ctx.db.prepare('DELETE FROM proof_rules_off WHERE article_id IS ? AND rule = ?').run(scope, input.rule)
  } else {
    ctx.db
      .prepare(
        `INSERT INTO proof_rules_off (article_id, rule, person_id, person_name, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(scope, input.rule, ctx.actor?.id ?? null, ctx.actor?.name ?? '', isoNow(ctx))
  }
  return proofSettings(ctx, input.articleId)
}

export function setIgnored(
  ctx: ServiceContext,
  input: { articleId: number; key: string; ignored: boolean },
): ProofSettings {
  articleRow(ctx, input.articleId)
  if (input.ignored) {
    ctx.db
      .prepare(
        `INSERT INTO proof_ignores (article_id, key, person_id, person_name, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(input.articleId, input.key, ctx.actor?.id ?? null, ctx.actor?.name ?? '', isoNow(ctx))
  } else {
    ctx.db.prepare('DELETE FROM proof_ignores WHERE article_id = ? AND key = ?').run(input.articleId, input.key)
  }
  return proofSettings(ctx, input.articleId)
}
