-- Full-text search over the articles' titles and texts (`telex serve`: /api/v1/articles?q=), folded
-- like quotes_fts. It keeps its own copy of the words rather than pointing at `articles` by rowid:
-- `articles` has no integer key, so VACUUM may renumber its rowids and an external-content index
-- would silently point at the wrong articles. Triggers keep it in step with every write.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, article_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (title, text, article_id) SELECT coalesce(title, ''), text, id FROM articles;

CREATE TRIGGER articles_fts_after_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (title, text, article_id) VALUES (coalesce(new.title, ''), new.text, new.id);
END;
CREATE TRIGGER articles_fts_after_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
END;
CREATE TRIGGER articles_fts_after_update AFTER UPDATE OF title, text ON articles BEGIN
    DELETE FROM articles_fts WHERE article_id = old.id;
    INSERT INTO articles_fts (title, text, article_id) VALUES (coalesce(new.title, ''), new.text, new.id);
END;

-- Listings page through articles and events newest first with a unique tie-break (cursor
-- pagination); articles are filtered by site; a country or CAMEO code ("USA", "RUSGOV") names
-- every actor of that country or code.
CREATE INDEX articles_published_id ON articles (coalesce(published, ''), id);
CREATE INDEX articles_site ON articles (site COLLATE NOCASE);
CREATE INDEX events_date_position ON events (coalesce(date, ''), article_id, position);
CREATE INDEX actors_country ON actors (country);
CREATE INDEX article_actors_code ON article_actors (code);
