-- Units of work (a run of files, or a range of records of a big file) stored by an ingest on
-- workers (--processes N, --ray): a re-run of the same job skips them. The key names the files'
-- path, size and modification time and the range; the unit's articles and its row are stored in
-- one transaction.
CREATE TABLE ingest_units (
    key      TEXT PRIMARY KEY,
    done_at  TEXT NOT NULL
);
