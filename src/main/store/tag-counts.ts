/**
 * Migration 8: live tag counts, kept by triggers.
 *
 * `tag_counts` holds, for every (kind, zone, unit), how many tags of live articles (article and
 * issue not in the trash) there are and — for zone tags — in how many live articles. The zone
 * list, a zone's summary and the figure list's totals read these few hundred rows instead of
 * counting every tag of the library. Each trigger applies exactly the change its statement
 * made, so the table always equals what the same counts over `tags` would give (test/view-scale
 * tests this after every kind of write): a tag added, removed or moved (zone merge, a zone
 * deleted → SET NULL), an article or issue moved to the trash or restored, or erased for good.
 *
 * Keys: zone_id '' stands for "no zone"; unit is '' for zone tags (they have none).
 */

/** A tag of this article counts: the article and its issue are not in the trash. */
const live = (article: string): string =>
  `EXISTS (SELECT 1 FROM articles la JOIN issues li ON li.id = la.issue_id
           WHERE la.id = ${article} AND la.deleted_at IS NULL AND li.deleted_at IS NULL)`

const zoneKey = (t: string): string => `COALESCE(${t}.zone_id, '')`
const unitKey = (t: string): string => `CASE WHEN ${t}.kind = 'figure' THEN COALESCE(${t}.unit, '') ELSE '' END`

/**
 * 1 when `t` is a zone tag and its article has no other tag of that zone (after the change).
 * `pinned` (migration 11) keeps SQLite on the article's tags (tags_article): left to itself it
 * may pick tags_zone, every mention of the zone in the library, on each tag written.
 */
const onlyMention = (t: string, excludeSelf: boolean, pinned: boolean): string =>
  `(${t}.kind = 'zone' AND NOT EXISTS (SELECT 1 FROM tags o WHERE o.article_id = ${t}.article_id
     AND o.kind = 'zone' AND ${pinned ? '+' : ''}o.zone_id IS ${t}.zone_id${excludeSelf ? ` AND o.id <> ${t}.id` : ''}))`

const addOne = (t: string, pinned = false): string => `
  INSERT INTO tag_counts (kind, zone_id, unit, tags, articles)
  SELECT ${t}.kind, ${zoneKey(t)}, ${unitKey(t)}, 1, ${onlyMention(t, true, pinned)} WHERE ${live(`${t}.article_id`)}
  ON CONFLICT DO UPDATE SET tags = tags + 1, articles = articles + excluded.articles;`

const removeOne = (t: string, pinned = false): string => `
  UPDATE tag_counts SET tags = tags - 1, articles = articles - ${onlyMention(t, false, pinned)}
  WHERE kind = ${t}.kind AND zone_id = ${zoneKey(t)} AND unit = ${unitKey(t)} AND ${live(`${t}.article_id`)};`

/** Adds (sign 1) or takes away (sign -1) the tags of the live articles `where` selects. */
const addArticles = (sign: string, where: string): string => `
  INSERT INTO tag_counts (kind, zone_id, unit, tags, articles)
  SELECT t.kind, ${zoneKey('t')}, ${unitKey('t')}, ${sign} * COUNT(*),
         ${sign} * (CASE WHEN t.kind = 'zone' THEN COUNT(DISTINCT t.article_id) ELSE 0 END)
  FROM tags t JOIN articles a ON a.id = t.article_id
  WHERE ${where}
  GROUP BY 1, 2, 3
  ON CONFLICT DO UPDATE SET tags = tags + excluded.tags, articles = articles + excluded.articles;`

const toggled = '(old.deleted_at IS NULL) <> (new.deleted_at IS NULL)'
const sign = 'CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END'

// Written to run again over a library whose user_version was set back (as a test of migration 6
// does): what it makes is dropped first.
export const TAG_COUNTS_MIGRATION = `
  DROP TABLE IF EXISTS tag_counts;
  ${['insert', 'delete', 'update', 'article_live', 'article_issue', 'issue_live', 'article_gone', 'issue_gone']
    .map((name) => `DROP TRIGGER IF EXISTS tag_counts_${name};`)
    .join('\n  ')}
  DROP INDEX IF EXISTS tags_facts;
  CREATE TABLE tag_counts (
    kind      TEXT NOT NULL,
    zone_id   TEXT NOT NULL,
    unit      TEXT NOT NULL,
    tags      INTEGER NOT NULL,
    articles  INTEGER NOT NULL,
    PRIMARY KEY (kind, zone_id, unit)
  ) WITHOUT ROWID;
  ${addArticles(
    '1',
    `a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM issues i WHERE i.id = a.issue_id AND i.deleted_at IS NULL)`,
  )}

  -- an article's tags in reading order; a zone's tags of one kind
  DROP INDEX IF EXISTS tags_article;
  CREATE INDEX tags_article ON tags(article_id, kind, ordinal);
  DROP INDEX IF EXISTS tags_zone;
  CREATE INDEX tags_zone ON tags(zone_id, kind);
  -- the consistency check finds groups with more than one value on this index alone
  CREATE INDEX tags_facts ON tags(zone_id, metric, period, unit, value) WHERE kind = 'figure' AND metric <> '';

  CREATE TRIGGER tag_counts_insert AFTER INSERT ON tags BEGIN ${addOne('new')} END;
  CREATE TRIGGER tag_counts_delete AFTER DELETE ON tags BEGIN ${removeOne('old')} END;
  CREATE TRIGGER tag_counts_update AFTER UPDATE OF article_id, kind, zone_id, unit ON tags
  WHEN old.article_id IS NOT new.article_id OR old.kind IS NOT new.kind OR old.zone_id IS NOT new.zone_id
    OR (new.kind = 'figure' AND old.unit IS NOT new.unit)
  BEGIN ${removeOne('old')} ${addOne('new')} END;

  CREATE TRIGGER tag_counts_article_live AFTER UPDATE OF deleted_at ON articles
  WHEN ${toggled} AND EXISTS (SELECT 1 FROM issues WHERE id = new.issue_id AND deleted_at IS NULL)
  BEGIN ${addArticles(sign, 'a.id = new.id')} END;
  CREATE TRIGGER tag_counts_article_issue AFTER UPDATE OF issue_id ON articles
  WHEN old.issue_id <> new.issue_id AND new.deleted_at IS NULL
  BEGIN
    ${addArticles('-1', `a.id = new.id AND EXISTS (SELECT 1 FROM issues WHERE id = old.issue_id AND deleted_at IS NULL)`)}
    ${addArticles('1', `a.id = new.id AND EXISTS (SELECT 1 FROM issues WHERE id = new.issue_id AND deleted_at IS NULL)`)}
  END;
  CREATE TRIGGER tag_counts_issue_live AFTER UPDATE OF deleted_at ON issues
  WHEN ${toggled}
  BEGIN ${addArticles(sign, 'a.issue_id = new.id AND a.deleted_at IS NULL')} END;

  -- Erased for good: a live article's tags stop counting before the row goes (the tags that go
  -- with it by ON DELETE CASCADE then find no live article and change nothing).
  CREATE TRIGGER tag_counts_article_gone BEFORE DELETE ON articles
  WHEN old.deleted_at IS NULL AND EXISTS (SELECT 1 FROM issues WHERE id = old.issue_id AND deleted_at IS NULL)
  BEGIN ${addArticles('-1', 'a.id = old.id')} END;
  CREATE TRIGGER tag_counts_issue_gone BEFORE DELETE ON issues
  WHEN old.deleted_at IS NULL
  BEGIN ${addArticles('-1', 'a.issue_id = old.id AND a.deleted_at IS NULL')} END;
`

/** Migration 11: the per-tag triggers again, with the article's tags pinned (see onlyMention). */
export const TAG_COUNTS_TRIGGERS_PINNED = `
  DROP TRIGGER IF EXISTS tag_counts_insert;
  DROP TRIGGER IF EXISTS tag_counts_delete;
  DROP TRIGGER IF EXISTS tag_counts_update;
  CREATE TRIGGER tag_counts_insert AFTER INSERT ON tags BEGIN ${addOne('new', true)} END;
  CREATE TRIGGER tag_counts_delete AFTER DELETE ON tags BEGIN ${removeOne('old', true)} END;
  CREATE TRIGGER tag_counts_update AFTER UPDATE OF article_id, kind, zone_id, unit ON tags
  WHEN old.article_id IS NOT new.article_id OR old.kind IS NOT new.kind OR old.zone_id IS NOT new.zone_id
    OR (new.kind = 'figure' AND old.unit IS NOT new.unit)
  BEGIN ${removeOne('old', true)} ${addOne('new', true)} END;
`
