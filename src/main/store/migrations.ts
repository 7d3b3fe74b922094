import { LAYOUT_MIGRATION } from '../export/schema'
import { FIGURE_GUESSES_MIGRATION, FIGURE_VALUES_MIGRATION } from './figure-values'
import { SEARCH_TITLES_MIGRATION } from './search-titles'
import { TAG_COUNTS_MIGRATION, TAG_COUNTS_TRIGGERS_PINNED } from './tag-counts'

/**
 * Schema migrations keyed by PRAGMA user_version. Each entry moves the library
 * from version i to i+1 and runs in its own transaction; never edit a shipped step.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: issues and their articles
  `
  CREATE TABLE issues (
    id               INTEGER PRIMARY KEY,
    title            TEXT NOT NULL,
    edition          TEXT NOT NULL DEFAULT '',
    number           TEXT NOT NULL DEFAULT '',
    publication_date TEXT NOT NULL DEFAULT '',
    guidance         TEXT NOT NULL DEFAULT '',
    publisher        TEXT NOT NULL DEFAULT '',
    postal_code      TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'planning',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
  );
  CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    issue_id    INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kicker      TEXT NOT NULL DEFAULT '',
    headline    TEXT NOT NULL DEFAULT '',
    subtitle    TEXT NOT NULL DEFAULT '',
    dateline    TEXT NOT NULL DEFAULT '',
    byline      TEXT NOT NULL DEFAULT '',
    body_json   TEXT NOT NULL,
    body_text   TEXT NOT NULL DEFAULT '',
    char_count  INTEGER NOT NULL DEFAULT 0,
    status      TEXT NOT NULL DEFAULT 'draft',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE INDEX articles_issue ON articles(issue_id, position);
  `,
  // 2: revisions, optimistic versions, soft delete (nothing an editor wrote is ever unrecoverable)
  `
  ALTER TABLE articles ADD COLUMN punct_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE articles ADD COLUMN deleted_at TEXT;
  ALTER TABLE issues ADD COLUMN deleted_at TEXT;
  CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    kicker      TEXT NOT NULL,
    headline    TEXT NOT NULL,
    subtitle    TEXT NOT NULL,
    dateline    TEXT NOT NULL,
    byline      TEXT NOT NULL,
    body_json   TEXT NOT NULL,
    body_text   TEXT NOT NULL,
    char_count  INTEGER NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL
  );
  CREATE INDEX revisions_article ON revisions(article_id, id);
  `,
  // 3: images (content-addressed, stored once), masthead slogan lines, per-publication credit style
  `
  CREATE TABLE images (
    hash        TEXT PRIMARY KEY,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    bytes       BLOB NOT NULL,
    created_at  TEXT NOT NULL
  );
  ALTER TABLE issues ADD COLUMN slogan TEXT NOT NULL DEFAULT '';
  ALTER TABLE issues ADD COLUMN credit_style TEXT NOT NULL DEFAULT '■ {name}摄';
  `,
  // 4: zone registry, the tag index (rebuilt from each article's body on save), rejected suggestions
  `
  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE zones (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL DEFAULT '',
    level       TEXT,
    province    TEXT,
    city        TEXT,
    source      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
  );
  CREATE TABLE zone_aliases (
    alias    TEXT PRIMARY KEY,
    zone_id  TEXT NOT NULL REFERENCES zones(id) ON DELETE CASCADE ON UPDATE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('short', 'alias', 'context', 'learned'))
  );
  CREATE INDEX zone_aliases_zone ON zone_aliases(zone_id);
  CREATE TABLE tags (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('zone', 'figure')),
    ordinal     INTEGER NOT NULL,
    text        TEXT NOT NULL,
    zone_id     TEXT REFERENCES zones(id) ON DELETE SET NULL ON UPDATE CASCADE,
    value       REAL,
    unit        TEXT,
    qualifier   TEXT,
    metric      TEXT,
    period      TEXT
  );
  CREATE INDEX tags_article ON tags(article_id);
  CREATE INDEX tags_zone ON tags(zone_id);
  CREATE TABLE tag_rejections (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, text)
  );
  `,
  // 5: page templates, each issue's layout (template snapshot), its pages (版次, 版名, 责任编辑) and blocks
  LAYOUT_MIGRATION,
  // 6: full-text search over every article's words (captions are in body_text). The trigram
  // tokenizer finds any Chinese substring of 3+ characters; triggers keep it in step with articles.
  `
  CREATE VIRTUAL TABLE article_search USING fts5(
    kicker, headline, subtitle, dateline, byline, body_text,
    content = 'articles', content_rowid = 'id', tokenize = 'trigram'
  );
  INSERT INTO article_search(article_search) VALUES ('rebuild');
  CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search(rowid, kicker, headline, subtitle, dateline, byline, body_text)
    VALUES (new.id, new.kicker, new.headline, new.subtitle, new.dateline, new.byline, new.body_text);
  END;
  CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_search(article_search, rowid, kicker, headline, subtitle, dateline, byline, body_text)
    VALUES ('delete', old.id, old.kicker, old.headline, old.subtitle, old.dateline, old.byline, old.body_text);
  END;
  CREATE TRIGGER article_search_update
  AFTER UPDATE OF kicker, headline, subtitle, dateline, byline, body_text ON articles BEGIN
    INSERT INTO article_search(article_search, rowid, kicker, headline, subtitle, dateline, byline, body_text)
    VALUES ('delete', old.id, old.kicker, old.headline, old.subtitle, old.dateline, old.byline, old.body_text);
    INSERT INTO article_search(rowid, kicker, headline, subtitle, dateline, byline, body_text)
    VALUES (new.id, new.kicker, new.headline, new.subtitle, new.dateline, new.byline, new.body_text);
  END;
  `,
  // 7: a write refused as stale is kept as a revision marked 冲突副本, with the version it was based
  // on (so one tab's repeated stale saves update one copy instead of piling up)
  `
  ALTER TABLE revisions ADD COLUMN base_version INTEGER;
  `,
  // 8: views at library scale. Live tag counts per (kind, zone, unit) kept by triggers, so the zone
  // list and figure totals read a few hundred rows instead of every tag; indexes for a zone's
  // tags and for an article's tags in reading order.
  TAG_COUNTS_MIGRATION,
  // 9: one- and two-character search through indexes. The trigram index holds every substring
  // that starts three or more characters before a field's end; these hold the last one and two
  // characters of each searched field, the rest (services/search.ts shortCandidates).
  `
  ${['headline', 'kicker', 'subtitle', 'dateline', 'byline', 'body_text']
    .flatMap((field) => [
      `CREATE INDEX IF NOT EXISTS articles_end1_${field} ON articles(lower(substr(${field}, -1)));`,
      `CREATE INDEX IF NOT EXISTS articles_end2_${field} ON articles(lower(substr(${field}, -2)));`,
    ])
    .join('\n  ')}
  `,
  // 10: live figure values per zone + metric + period kept by triggers, for the consistency check
  FIGURE_VALUES_MIGRATION,
  // 11: migration 8's per-tag triggers looked for the article's other mentions of a zone on
  // tags_zone (all the zone's mentions) — a save cost that grew with the library; now on the article's tags
  TAG_COUNTS_TRIGGERS_PINNED,
  // 12: a common one- or two-character query reads the title parts in running order from this
  // covering index (services/search.ts commonShortIds, the same expression as its TITLES) instead
  // of from the article rows, whose bodies are large
  `
  CREATE INDEX IF NOT EXISTS articles_titles ON articles(issue_id, position, id, deleted_at, headline,
    (headline || char(1) || kicker || char(1) || subtitle || char(1) || dateline || char(1) || byline));
  `,
  // 13: 三审三校 (issue 11). The newsroom's members (编辑部成员) and who did what: each revision, review
  // step and tag decision names its person (id, and the name as it was). An article's review stage
  // replaces its free status: draft/editing → 草稿, review → 待初审, approved → 待终审 (an old 已审
  // was never a recorded sign-off, so none is invented). The old status columns stay, unused.
  // Sign-offs of an issue are kept when cleared (cleared_* say when, by whom and why). The person
  // columns added to existing tables carry no foreign key (a column with one cannot be dropped).
  `
  CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE,
    roles       TEXT NOT NULL DEFAULT '[]',
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
  );
  ALTER TABLE articles ADD COLUMN review_stage TEXT NOT NULL DEFAULT 'draft';
  UPDATE articles SET review_stage = CASE status WHEN 'review' THEN 'first' WHEN 'approved' THEN 'final' ELSE 'draft' END;
  ALTER TABLE revisions ADD COLUMN person_id INTEGER;
  ALTER TABLE revisions ADD COLUMN person_name TEXT;
  ALTER TABLE revisions ADD COLUMN stage TEXT NOT NULL DEFAULT 'draft';
  UPDATE revisions SET stage = CASE status WHEN 'review' THEN 'first' WHEN 'approved' THEN 'final' ELSE 'draft' END;
  ALTER TABLE tag_rejections ADD COLUMN person_id INTEGER;
  ALTER TABLE tag_rejections ADD COLUMN person_name TEXT;
  CREATE TABLE review_steps (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    stage        TEXT NOT NULL CHECK (stage IN ('初审', '复审', '终审')),
    decision     TEXT NOT NULL CHECK (decision IN ('submit', 'pass', 'return', 'reopen')),
    person_id    INTEGER REFERENCES people(id),
    person_name  TEXT NOT NULL,
    at           TEXT NOT NULL,
    comment      TEXT NOT NULL DEFAULT '',
    revision_id  INTEGER NOT NULL REFERENCES revisions(id),
    text_hash    TEXT NOT NULL
  );
  CREATE INDEX review_steps_article ON review_steps(article_id, id);
  CREATE TABLE issue_signoffs (
    id                 INTEGER PRIMARY KEY,
    issue_id           INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    person_id          INTEGER REFERENCES people(id),
    person_name        TEXT NOT NULL,
    at                 TEXT NOT NULL,
    cleared_at         TEXT,
    cleared_by_id      INTEGER REFERENCES people(id),
    cleared_by_name    TEXT,
    cleared_reason     TEXT
  );
  CREATE INDEX issue_signoffs_issue ON issue_signoffs(issue_id, id);
  `,
  // 14: figures detected but not tagged, with the metric, period and zone read from their sentences,
  // and their live values, so 数据核对 flags a contradiction nobody has tagged (figure-values.ts)
  FIGURE_GUESSES_MIGRATION,
  // 15: 校对 settings kept in the library (issue 10): rules switched off for the whole library
  // (article_id NULL) or for one article, and findings ignored in an article (by ignoreKey, see
  // src/shared/proof/ignore.ts), each with who did it and when
  `
  CREATE TABLE proof_rules_off (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER REFERENCES articles(id) ON DELETE CASCADE,
    rule         TEXT NOT NULL,
    person_id    INTEGER,
    person_name  TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
  );
  CREATE UNIQUE INDEX proof_rules_off_scope ON proof_rules_off(ifnull(article_id, 0), rule);
  CREATE TABLE proof_ignores (
    article_id   INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    person_id    INTEGER,
    person_name  TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL,
    PRIMARY KEY (article_id, key)
  ) WITHOUT ROWID;
  `,
  // 16: a common one- or two-character query finds its headline and other-title-part matches through
  // their own trigram indexes (services/search.ts commonShortIds), whose terms are only those of the
  // titles: migration 6's index holds every body's terms too, so looking a title tier up there, or
  // walking the titles (migration 12), cost more as the library grew when few titles hold the query
  SEARCH_TITLES_MIGRATION,
]

export const SCHEMA_VERSION = MIGRATIONS.length
