-- The other sentences that state the same act (title, standfirst, body): JSON [[start, end], ...].
ALTER TABLE events ADD COLUMN also_stated_at TEXT NOT NULL DEFAULT '[]';
