-- zenobia store, schema version 2 (see ADDED_COLUMNS in sqlite.py for upgrades).
-- Ids are content hashes and every write is an upsert, so a resumed run never duplicates rows.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per input record that reached a verdict: analysed, duplicate, not English, or skipped.
-- A re-run finds (source, raw_hash) here and does not read the record's article again.
CREATE TABLE IF NOT EXISTS inputs (
    source   TEXT PRIMARY KEY,
    raw_hash TEXT NOT NULL,
    doc_id   TEXT,
    outcome  TEXT NOT NULL,   -- analyzed | duplicate | not-english | skipped
    seen_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS skips (
    source  TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    message TEXT NOT NULL,
    seen_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS documents (
    id                   TEXT PRIMARY KEY,
    source               TEXT NOT NULL,
    title                TEXT,
    author               TEXT,
    outlet               TEXT,
    url                  TEXT,
    language             TEXT,
    published_date       TEXT,
    published_inferred   INTEGER NOT NULL DEFAULT 0,
    published_basis      TEXT NOT NULL DEFAULT '',
    published_precision  TEXT,
    published_not_before TEXT,
    text                 TEXT NOT NULL,
    fingerprint          TEXT NOT NULL,
    minhash              BLOB,
    duplicate_of         TEXT,
    status               TEXT NOT NULL,   -- analyzed | duplicate | not-english
    token_count          INTEGER NOT NULL DEFAULT 0,
    added_at             TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_fingerprint ON documents (fingerprint);

CREATE TABLE IF NOT EXISTS comments (
    doc_id   TEXT NOT NULL REFERENCES documents (id),
    position INTEGER NOT NULL,
    author   TEXT,
    text     TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);

CREATE TABLE IF NOT EXISTS sentences (
    rowid      INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL REFERENCES documents (id),
    idx        INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);

CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5 (
    text, content = 'sentences', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS sentences_fts_insert AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts (rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS sentences_fts_delete AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;

CREATE TABLE IF NOT EXISTS mentions (
    id             TEXT PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents (id),
    sentence_idx   INTEGER NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    label          TEXT NOT NULL,
    canonical      TEXT NOT NULL,
    kind           TEXT,
    country        TEXT,
    entry_id       TEXT,
    role           TEXT,            -- "spokesman", from a title, apposition or earlier mention
    affiliation    TEXT,            -- canonical name of the organisation or state spoken for
    link_basis     TEXT,            -- surname | short-form | acronym | capital-metonymy | NULL
    place_id       TEXT             -- places.id when a GPE/LOC/FAC mention was geocoded
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS mentions_canonical ON mentions (canonical);

-- Geocoded places (GeoNames cities and countries, curated regions), upserted by id.
CREATE TABLE IF NOT EXISTS places (
    id             TEXT PRIMARY KEY,   -- gn:<GeoNames id> | zp:<content hash> (curated)
    name           TEXT NOT NULL,
    lat            REAL NOT NULL,
    lon            REAL NOT NULL,
    country        TEXT,               -- ISO 3166 alpha-3
    country_alpha2 TEXT,
    admin1         TEXT,               -- GeoNames admin1 code, e.g. SY.09
    geonames       INTEGER,
    feature        TEXT NOT NULL       -- country | admin1 | region | city
);

CREATE TABLE IF NOT EXISTS runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    inputs      TEXT NOT NULL,
    counts      TEXT NOT NULL DEFAULT '{}',
    status      TEXT NOT NULL      -- running | finished | interrupted | failed
);
