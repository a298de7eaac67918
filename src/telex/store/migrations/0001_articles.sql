-- Articles as cleaned, identified by the hash of their text. The same URL with another text is
-- a new version that points at the previous one; nothing is overwritten.
CREATE TABLE articles (
    id              TEXT PRIMARY KEY,
    content_hash    TEXT NOT NULL UNIQUE,
    url             TEXT,
    site            TEXT,
    title           TEXT,
    authors         TEXT NOT NULL DEFAULT '[]',   -- JSON: [{"name": ..., "role": ...}]
    published       TEXT,                         -- ISO 8601 date or datetime
    published_from  TEXT,                         -- metadata | html | text
    language        TEXT,                         -- ISO 639-1
    text            TEXT NOT NULL,
    raw_text        TEXT,
    raw_offsets     TEXT NOT NULL DEFAULT '[]',   -- JSON: [[text_start, raw_start, length], ...]
    source          TEXT NOT NULL,                -- where it was first found: path[:line|#record=n]
    kind            TEXT NOT NULL,                -- text | html | jsonl | warc | feed
    version         INTEGER NOT NULL DEFAULT 1,   -- per URL
    previous_id     TEXT REFERENCES articles(id),
    ingested_at     TEXT NOT NULL
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_published ON articles(published);

-- Every place an article was seen: re-ingesting or finding it elsewhere adds a row, not an article.
CREATE TABLE article_sources (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    source      TEXT NOT NULL,
    url         TEXT,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (article_id, source)
);
