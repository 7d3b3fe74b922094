/**
 * Migration 10: live figure values, kept by triggers, for the consistency check.
 *
 * `figure_values` holds, for every zone + metric + period + unit + value that live figures
 * (article and issue not in the trash) report, how many do. The consistency check reads the
 * groups holding more than one value from here — rows per distinct value, not per figure — and
 * then only a few figures of each value. The triggers follow those of tag_counts (tag-counts.ts):
 * each applies exactly the change its statement made; test/view-scale checks the table against
 * a count over the tags after every kind of write.
 *
 * Only figures that can be compared count: with a zone and a metric. period and unit '' stand
 * for none.
 */

const live = (article: string): string =>
  `EXISTS (SELECT 1 FROM articles la JOIN issues li ON li.id = la.issue_id
           WHERE la.id = ${article} AND la.deleted_at IS NULL AND li.deleted_at IS NULL)`

const comparable = (t: string): string =>
  `${t}.kind = 'figure' AND ${t}.zone_id IS NOT NULL AND COALESCE(${t}.metric, '') <> '' AND ${t}.value IS NOT NULL`

const key = (t: string): string =>
  `${t}.zone_id, ${t}.metric, COALESCE(${t}.period, ''), COALESCE(${t}.unit, ''), ${t}.value`

const addOne = (t: string): string => `
  INSERT INTO figure_values (zone_id, metric, period, unit, value, n)
  SELECT ${key(t)}, 1 WHERE ${comparable(t)} AND ${live(`${t}.article_id`)}
  ON CONFLICT DO UPDATE SET n = n + 1;`

const removeOne = (t: string): string => `
  UPDATE figure_values SET n = n - 1
  WHERE zone_id = ${t}.zone_id AND metric = ${t}.metric AND period = COALESCE(${t}.period, '')
    AND unit = COALESCE(${t}.unit, '') AND value = ${t}.value
    AND ${comparable(t)} AND ${live(`${t}.article_id`)};`

/** Adds (sign 1) or takes away (sign -1) the comparable figures of the articles `where` selects. */
const addArticles = (sign: string, where: string): string => `
  INSERT INTO figure_values (zone_id, metric, period, unit, value, n)
  SELECT ${key('t')}, ${sign} * COUNT(*)
  FROM tags t JOIN articles a ON a.id = t.article_id
  WHERE ${comparable('t')} AND ${where}
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`

const toggled = '(old.deleted_at IS NULL) <> (new.deleted_at IS NULL)'
const sign = 'CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END'
const issueLive = (id: string): string => `EXISTS (SELECT 1 FROM issues WHERE id = ${id} AND deleted_at IS NULL)`

const TRIGGERS = [
  'insert',
  'delete',
  'update',
  'article_live',
  'article_issue',
  'issue_live',
  'article_gone',
  'issue_gone',
]

export const FIGURE_VALUES_MIGRATION = `
  DROP TABLE IF EXISTS figure_values;
  ${TRIGGERS.map((name) => `DROP TRIGGER IF EXISTS figure_values_${name};`).join('\n  ')}
  CREATE TABLE figure_values (
    zone_id  TEXT NOT NULL,
    metric   TEXT NOT NULL,
    period   TEXT NOT NULL,
    unit     TEXT NOT NULL,
    value    REAL NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (zone_id, metric, period, unit, value)
  ) WITHOUT ROWID;
  ${addArticles('1', `a.deleted_at IS NULL AND ${issueLive('a.issue_id')}`)}

  CREATE TRIGGER figure_values_insert AFTER INSERT ON tags BEGIN ${addOne('new')} END;
  CREATE TRIGGER figure_values_delete AFTER DELETE ON tags BEGIN ${removeOne('old')} END;
  CREATE TRIGGER figure_values_update AFTER UPDATE OF article_id, kind, zone_id, metric, period, unit, value ON tags
  BEGIN ${removeOne('old')} ${addOne('new')} END;

  CREATE TRIGGER figure_values_article_live AFTER UPDATE OF deleted_at ON articles
  WHEN ${toggled} AND ${issueLive('new.issue_id')}
  BEGIN ${addArticles(sign, 'a.id = new.id')} END;
  CREATE TRIGGER figure_values_article_issue AFTER UPDATE OF issue_id ON articles
  WHEN old.issue_id <> new.issue_id AND new.deleted_at IS NULL
  BEGIN
    ${addArticles('-1', `a.id = new.id AND ${issueLive('old.issue_id')}`)}
    ${addArticles('1', `a.id = new.id AND ${issueLive('new.issue_id')}`)}
  END;
  CREATE TRIGGER figure_values_issue_live AFTER UPDATE OF deleted_at ON issues
  WHEN ${toggled}
  BEGIN ${addArticles(sign, 'a.issue_id = new.id AND a.deleted_at IS NULL')} END;
  CREATE TRIGGER figure_values_article_gone BEFORE DELETE ON articles
  WHEN old.deleted_at IS NULL AND ${issueLive('old.issue_id')}
  BEGIN ${addArticles('-1', 'a.id = old.id')} END;
  CREATE TRIGGER figure_values_issue_gone BEFORE DELETE ON issues
  WHEN old.deleted_at IS NULL
  BEGIN ${addArticles('-1', 'a.issue_id = old.id AND a.deleted_at IS NULL')} END;
`

/**
 * Figures detected in the text but not tagged, with the metric, period and zone read from their
 * sentences (shared/tagging/figure-context.ts), and their live values. The consistency check
 * counts them beside the tagged ones (marked detected), so a contradiction is flagged before
 * anyone tags it; tags and their counts (tag_counts, figure_values) stay what editors accepted.
 * Only comparable guesses are stored (zone and metric known). `guess_values` is kept by
 * triggers exactly as figure_values is, from figure_guesses instead of tags.
 */
const comparableGuess = (t: string): string => `${t}.zone_id IS NOT NULL AND ${t}.metric <> ''`
const guessKey = (t: string): string => `${t}.zone_id, ${t}.metric, ${t}.period, ${t}.unit, ${t}.value`

const addGuess = (t: string): string => `
  INSERT INTO guess_values (zone_id, metric, period, unit, value, n)
  SELECT ${guessKey(t)}, 1 WHERE ${comparableGuess(t)} AND ${live(`${t}.article_id`)}
  ON CONFLICT DO UPDATE SET n = n + 1;`

const removeGuess = (t: string): string => `
  UPDATE guess_values SET n = n - 1
  WHERE zone_id = ${t}.zone_id AND metric = ${t}.metric AND period = ${t}.period
    AND unit = ${t}.unit AND value = ${t}.value
    AND ${comparableGuess(t)} AND ${live(`${t}.article_id`)};`

const addArticleGuesses = (sign: string, where: string): string => `
  INSERT INTO guess_values (zone_id, metric, period, unit, value, n)
  SELECT ${guessKey('g')}, ${sign} * COUNT(*)
  FROM figure_guesses g JOIN articles a ON a.id = g.article_id
  WHERE ${comparableGuess('g')} AND ${where}
  GROUP BY 1, 2, 3, 4, 5
  ON CONFLICT DO UPDATE SET n = n + excluded.n;`

export const FIGURE_GUESSES_MIGRATION = `
  CREATE TABLE figure_guesses (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    zone_id     TEXT REFERENCES zones(id) ON DELETE SET NULL ON UPDATE CASCADE,
    value       REAL NOT NULL,
    unit        TEXT NOT NULL,
    qualifier   TEXT,
    metric      TEXT NOT NULL,
    period      TEXT NOT NULL
  );
  CREATE INDEX figure_guesses_article ON figure_guesses(article_id, ordinal);
  CREATE INDEX figure_guesses_facts ON figure_guesses(zone_id, metric, period, unit, value);
  CREATE TABLE guess_values (
    zone_id  TEXT NOT NULL,
    metric   TEXT NOT NULL,
    period   TEXT NOT NULL,
    unit     TEXT NOT NULL,
    value    REAL NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (zone_id, metric, period, unit, value)
  ) WITHOUT ROWID;

  CREATE TRIGGER guess_values_insert AFTER INSERT ON figure_guesses BEGIN ${addGuess('new')} END;
  CREATE TRIGGER guess_values_delete AFTER DELETE ON figure_guesses BEGIN ${removeGuess('old')} END;
  CREATE TRIGGER guess_values_update AFTER UPDATE OF article_id, zone_id, metric, period, unit, value ON figure_guesses
  BEGIN ${removeGuess('old')} ${addGuess('new')} END;

  CREATE TRIGGER guess_values_article_live AFTER UPDATE OF deleted_at ON articles
  WHEN ${toggled} AND ${issueLive('new.issue_id')}
  BEGIN ${addArticleGuesses(sign, 'a.id = new.id')} END;
  CREATE TRIGGER guess_values_article_issue AFTER UPDATE OF issue_id ON articles
  WHEN old.issue_id <> new.issue_id AND new.deleted_at IS NULL
  BEGIN
    ${addArticleGuesses('-1', `a.id = new.id AND ${issueLive('old.issue_id')}`)}
    ${addArticleGuesses('1', `a.id = new.id AND ${issueLive('new.issue_id')}`)}
  END;
  CREATE TRIGGER guess_values_issue_live AFTER UPDATE OF deleted_at ON issues
  WHEN ${toggled}
  BEGIN ${addArticleGuesses(sign, 'a.issue_id = new.id AND a.deleted_at IS NULL')} END;
  CREATE TRIGGER guess_values_article_gone BEFORE DELETE ON articles
  WHEN old.deleted_at IS NULL AND ${issueLive('old.issue_id')}
  BEGIN ${addArticleGuesses('-1', 'a.id = old.id')} END;
  CREATE TRIGGER guess_values_issue_gone BEFORE DELETE ON issues
  WHEN old.deleted_at IS NULL
  BEGIN ${addArticleGuesses('-1', 'a.issue_id = old.id AND a.deleted_at IS NULL')} END;
`
