-- The article's block structure (title, standfirst, headings, paragraphs) as JSON
-- [[start, end, kind], ...] into articles.text. Articles stored before it have none.
ALTER TABLE articles ADD COLUMN blocks TEXT NOT NULL DEFAULT '[]';
