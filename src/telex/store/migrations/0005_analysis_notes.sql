-- What a reader must know about how an article was read (a language without its model, a language
-- telex does not read): JSON list of strings.
ALTER TABLE analyses ADD COLUMN notes TEXT NOT NULL DEFAULT '[]';
