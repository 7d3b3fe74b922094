/**
 * Migration 16: trigram indexes of the title parts alone — the headline in headline_search, the
 * kicker, subtitle, dateline and byline in title_search — kept in step with articles by triggers
 * (external content, as migration 6's article_search). services/search.ts reads their terms
 * (fts5vocab) to find the articles whose headline, or other title part, holds a one- or
 * two-character query, at a cost that follows the titles holding it rather than the library.
 * The triggers fire only when a title part is written, so a body save costs nothing more.
 */
const TABLES = [
  { name: 'headline_search', columns: ['headline'] },
  { name: 'title_search', columns: ['kicker', 'subtitle', 'dateline', 'byline'] },
] as const

export const SEARCH_TITLES_MIGRATION = TABLES.map(({ name, columns }) => {
  const list = columns.join(', ')
  const values = (row: 'old' | 'new') => columns.map((c) => `${row}.${c}`).join(', ')
  return `
  CREATE VIRTUAL TABLE ${name} USING fts5(${list}, content = 'articles', content_rowid = 'id', tokenize = 'trigram');
  INSERT INTO ${name}(${name}) VALUES ('rebuild');
  CREATE TRIGGER ${name}_insert AFTER INSERT ON articles BEGIN
    INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${values('new')});
  END;
  CREATE TRIGGER ${name}_delete AFTER DELETE ON articles BEGIN
    INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')});
  END;
  CREATE TRIGGER ${name}_update AFTER UPDATE OF ${list} ON articles BEGIN
    INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')});
    INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${values('new')});
  END;`
}).join('\n')
