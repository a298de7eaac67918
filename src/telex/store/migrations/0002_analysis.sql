-- What the NLP stages extracted. Rows belong to one article and are replaced as a whole when
-- the article is reprocessed; offsets index articles.text.
CREATE TABLE actors (
    id       TEXT PRIMARY KEY,     -- stable across articles for known actors
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,        -- person | country | organization | place | group
    country  TEXT                  -- ISO 3166-1 alpha-3
);

CREATE TABLE article_actors (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    actor_id    TEXT NOT NULL REFERENCES actors(id),
    name        TEXT NOT NULL,     -- the canonical name as resolved for this article
    type        TEXT NOT NULL,
    country     TEXT,
    code        TEXT,              -- CAMEO actor code on the article date
    PRIMARY KEY (article_id, actor_id)
);
CREATE INDEX article_actors_actor ON article_actors(actor_id);

CREATE TABLE mentions (
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    rule        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, start, "end", actor_id)
);
CREATE INDEX mentions_actor ON mentions(actor_id);

CREATE TABLE quotes (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,   -- order in the article, referenced by events
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    text           TEXT NOT NULL,
    kind           TEXT NOT NULL,      -- direct | indirect | fragment
    speaker_id     TEXT,
    cue            TEXT,
    cue_start      INTEGER,
    cue_end        INTEGER,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, article_id UNINDEXED, position UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE events (
    article_id        TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    start             INTEGER NOT NULL,
    "end"             INTEGER NOT NULL,
    trigger           TEXT NOT NULL,
    trigger_start     INTEGER NOT NULL,
    trigger_end       INTEGER NOT NULL,
    source            TEXT NOT NULL DEFAULT '[]',   -- JSON list of actor ids
    target            TEXT NOT NULL DEFAULT '[]',
    cameo             TEXT NOT NULL,
    plover            TEXT,
    plover_mode       TEXT,
    quad_class        INTEGER,
    goldstein         REAL,
    date              TEXT,
    date_source       TEXT,
    status            TEXT NOT NULL,
    location_name     TEXT,
    location_country  TEXT,
    quote_position    INTEGER,
    rule              TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, position)
);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_date ON events(date);

-- Which pipeline version produced an article's analysis, so `telex reprocess` knows what is stale.
CREATE TABLE analyses (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    pipeline      TEXT NOT NULL,
    analysed_at   TEXT NOT NULL
);
