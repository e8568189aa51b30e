-- zenobia store, schema version 6 (see ADDED_COLUMNS in sqlite.py for upgrades).
-- Every fact row has `confidence_basis` (the key of the path that decided it) and `confidence`
-- (calibrated, zenobia.confidence); both NULL in rows written before version 3.
-- A store is marked by PRAGMA application_id (sqlite.APPLICATION_ID) and user_version.
-- Ids are content hashes and every write is an upsert, so a resumed run never duplicates rows.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per input record that reached a verdict: analysed, duplicate, not English, skipped or
-- failed. A re-run finds (source, raw_hash) here and does not read the record's article again
-- (a failed one only with --retry-failed). A file whose reader raised has raw_hash 'file:…'.
CREATE TABLE IF NOT EXISTS inputs (
    source   TEXT PRIMARY KEY,
    raw_hash TEXT NOT NULL,
    doc_id   TEXT,
    outcome  TEXT NOT NULL,   -- analyzed | duplicate | not-english | skipped | failed
    seen_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS skips (
    source  TEXT PRIMARY KEY,
    reason  TEXT NOT NULL,
    message TEXT NOT NULL,
    seen_at TEXT NOT NULL
);

-- Input records whose processing raised (zenobia.model.Failure): the run stored them and went on.
CREATE TABLE IF NOT EXISTS failures (
    source    TEXT PRIMARY KEY,
    stage     TEXT NOT NULL,   -- read | prepare | analyse | worker | write
    reason    TEXT NOT NULL,   -- one line: the exception's type and first line
    traceback TEXT NOT NULL,
    seen_at   TEXT NOT NULL
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
    status               TEXT NOT NULL,   -- analyzed | duplicate | not-english | failed
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

-- Written `content="sentences"` with no spaces: the form Datasette looks for to offer search
-- on the sentences table (sqlite.py renews the index of stores written in another form).
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5 (
    text, content="sentences", content_rowid="rowid", tokenize="porter unicode61"
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
    place_id       TEXT,            -- places.id when a GPE/LOC/FAC mention was geocoded
    confidence_basis TEXT,          -- mention:link=<rule>
    confidence     REAL,
    place_basis    TEXT,            -- place:<how>:<feature>, when geocoded
    place_confidence REAL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS mentions_canonical ON mentions (canonical);
CREATE INDEX IF NOT EXISTS mentions_entry ON mentions (entry_id);   -- an entry's mentions

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
    status      TEXT NOT NULL,     -- running | finished | interrupted | failed
    owner_host    TEXT,            -- the process that runs it (store/_owner.py), so that a
    owner_pid     INTEGER,         -- run whose process was killed is shown as interrupted
    owner_started TEXT,
    heartbeat_at  TEXT             -- its last committed batch
);

-- Who said what: direct and reported quotes (zenobia.extract.quotes), upserted by id.
CREATE TABLE IF NOT EXISTS quotes (
    id                 TEXT PRIMARY KEY,
    doc_id             TEXT NOT NULL REFERENCES documents (id),
    sentence_idx       INTEGER NOT NULL,
    start_char         INTEGER NOT NULL,   -- the quoted content, without quotation marks
    end_char           INTEGER NOT NULL,
    text               TEXT NOT NULL,
    is_direct          INTEGER NOT NULL,
    speaker_mention_id TEXT,               -- mentions.id of the speaker, when linked
    speaker_name       TEXT,               -- the speaker's noun phrase as written
    affiliation        TEXT,
    cue                TEXT,               -- speech verb lemma, or "according to"
    cue_start          INTEGER,
    cue_end            INTEGER,
    cue_stance         TEXT,               -- neutral | assertive | accusatory | denial
    confidence_basis   TEXT,
    confidence         REAL
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc_id);

-- Who did what to whom, where and when (zenobia.extract.events), PLOVER-coded, upserted by id.
CREATE TABLE IF NOT EXISTS events (
    id                 TEXT PRIMARY KEY,
    doc_id             TEXT NOT NULL REFERENCES documents (id),
    sentence_idx       INTEGER NOT NULL,
    start_char         INTEGER NOT NULL,   -- the sentence
    end_char           INTEGER NOT NULL,
    trigger_start      INTEGER NOT NULL,   -- the word naming the event
    trigger_end        INTEGER NOT NULL,
    type               TEXT NOT NULL,      -- PLOVER type, or TAKE_CONTROL
    mode               TEXT,
    context            TEXT NOT NULL,      -- JSON list
    source_mention_ids TEXT NOT NULL,      -- JSON list of mentions.id
    target_mention_ids TEXT NOT NULL,      -- JSON list of mentions.id
    source_text        TEXT,
    target_text        TEXT,
    place_mention_id   TEXT,
    date_start         TEXT,
    date_end           TEXT,
    date_basis         TEXT,
    status             TEXT NOT NULL,      -- asserted | reported | negated | hypothetical
    dead               INTEGER,
    injured            INTEGER,
    confidence_basis   TEXT,
    confidence         REAL
);
CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id);
CREATE INDEX IF NOT EXISTS events_type ON events (type);

-- How a document (holder NULL) or a speaker it reports judges each actor it mentions
-- (zenobia.extract.stance), upserted by id.
CREATE TABLE IF NOT EXISTS stances (
    id                TEXT PRIMARY KEY,
    doc_id            TEXT NOT NULL REFERENCES documents (id),
    actor_mention_id  TEXT NOT NULL,      -- mentions.id of the actor's first mention
    actor_key         TEXT NOT NULL,      -- kb:<entry id> | name:<actor key>
    holder_mention_id TEXT,               -- NULL: the document's own voice
    holder_key        TEXT,
    polarity          TEXT NOT NULL,      -- positive | negative | neutral
    score             REAL NOT NULL,      -- -1..+1
    evidence          TEXT NOT NULL,      -- JSON list of [start_char, end_char]
    confidence_basis   TEXT,
    confidence         REAL
);
CREATE INDEX IF NOT EXISTS stances_doc ON stances (doc_id);

-- Numeric claims (zenobia.extract.claims): a number a document states, what it counts, how
-- sure, and who said it; start_char/end_char span the sentence, value_* the number. Upserted.
CREATE TABLE IF NOT EXISTS claims (
    id                 TEXT PRIMARY KEY,
    doc_id             TEXT NOT NULL REFERENCES documents (id),
    sentence_idx       INTEGER NOT NULL,
    start_char         INTEGER NOT NULL,
    end_char           INTEGER NOT NULL,
    sentence           TEXT NOT NULL,
    value_start        INTEGER NOT NULL,
    value_end          INTEGER NOT NULL,
    text               TEXT NOT NULL,       -- the number as written ("between 200 and 300")
    value              REAL NOT NULL,       -- the low end of a range
    value_high         REAL,
    unit               TEXT,                -- NULL for counts; % | USD | km | ...
    of                 TEXT NOT NULL,       -- what is counted ("civilians killed"), '' unknown
    qualifier          TEXT,                -- min | max | approx | exact | NULL
    speaker_mention_id TEXT,                -- mentions.id of who said it
    confidence_basis   TEXT,
    confidence         REAL
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims (doc_id);

-- Cross-document disagreements (zenobia.resolve): `about` names what is disputed (an event
-- cluster id, a claim subject, a framing topic); `kind` is numeric | framing | event; `sides`
-- is a JSON list of {"document": doc id, "claim": claim id | null, "text": str}. Upserted by id
-- (a content hash of kind, about and sides); each resolver replaces the rows of its own kind.
CREATE TABLE IF NOT EXISTS disagreements (
    id    TEXT PRIMARY KEY,
    about TEXT NOT NULL,
    kind  TEXT NOT NULL,      -- numeric | framing | event
    sides TEXT NOT NULL,      -- JSON list of {"document", "claim", "text"}
    confidence_basis   TEXT,
    confidence         REAL
);
CREATE INDEX IF NOT EXISTS disagreements_kind ON disagreements (kind);

-- Cross-document event merging (zenobia.resolve.events): which cluster each event belongs to.
CREATE TABLE IF NOT EXISTS event_clusters (
    event_id   TEXT PRIMARY KEY,   -- events.id
    cluster_id TEXT NOT NULL       -- cluster.id
);
CREATE INDEX IF NOT EXISTS event_clusters_cluster ON event_clusters (cluster_id);

-- The blocking keys each resolved event fell into (family|place|week, family|actor|week), so
-- that new events re-resolve only the blocks they land in.
CREATE TABLE IF NOT EXISTS event_blocks (
    block    TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (block, event_id)
);

-- One row per merged event cluster: the representative fields of its member events.
CREATE TABLE IF NOT EXISTS cluster (
    id          TEXT PRIMARY KEY,  -- content hash of the smallest member event id
    type        TEXT NOT NULL,
    mode        TEXT,
    context     TEXT NOT NULL,     -- JSON list
    actors      TEXT NOT NULL,     -- JSON list of actor export ids (sources)
    recipients  TEXT NOT NULL,     -- JSON list of actor export ids (targets)
    place_id    TEXT,              -- places.id
    date_start  TEXT,
    date_end    TEXT,
    date_basis  TEXT,
    status      TEXT NOT NULL,     -- asserted | reported | negated | hypothetical
    dead        INTEGER,
    injured     INTEGER,
    size        INTEGER NOT NULL,  -- number of member events
    members     TEXT NOT NULL,     -- JSON list of events.id, as in event_clusters
    confidence_basis   TEXT,
    confidence         REAL
);

-- Merged events in the order listings page them (by date, undated last, then by size), so that
-- the last page of a large store is read from the index rather than sorted (the web app).
CREATE INDEX IF NOT EXISTS cluster_order ON cluster (date_start IS NULL, date_start, size DESC, id);

-- How many claims of other documents agree and disagree with each claim (zenobia.resolve.claims).
-- Replaced whole by each resolution pass.
CREATE TABLE IF NOT EXISTS claim_support (
    claim_id       TEXT PRIMARY KEY,   -- claims.id
    corroborations INTEGER NOT NULL,
    contradictions INTEGER NOT NULL
);

-- Actor name keys merged across documents (zenobia.resolve.actors): the export groups the
-- mentions of `from_key` under `into_key` (both `name:<actor_key>`). Replaced whole each pass.
CREATE TABLE IF NOT EXISTS actor_merges (
    from_key TEXT PRIMARY KEY,
    into_key TEXT NOT NULL,
    basis    TEXT NOT NULL,   -- article | spelling | article+spelling | initial+affiliation | initial+role
    score    REAL NOT NULL,
    confidence_basis TEXT,    -- merge:<basis>
    confidence REAL
);

-- The actors of the corpus (zenobia.resolve.actors, zenobia.model.Actor): every mention that
-- names an actor, grouped by knowledge-base entry or normalised name, after actor merges.
-- Written whole by each resolution pass, before event merging; every export reads them here.
CREATE TABLE IF NOT EXISTS actors (
    id          TEXT PRIMARY KEY,  -- zenobia.ids.actor_id of `key`
    key         TEXT NOT NULL,     -- kb:<entry id> | name:<actor key>, after merges
    name        TEXT NOT NULL,
    kind        TEXT,
    country     TEXT,
    wikidata    TEXT,
    aliases     TEXT NOT NULL,     -- JSON list of other written names
    merged_from TEXT NOT NULL,     -- JSON list of the group keys merged into `key`
    mentions    INTEGER NOT NULL,
    documents   TEXT NOT NULL,     -- JSON list of documents.id
    confidence_basis TEXT,         -- its best-supported mention's (set by scoring)
    confidence  REAL
);

-- Which actor each mention that names one refers to (replaced whole with `actors`).
CREATE TABLE IF NOT EXISTS actor_mentions (
    mention_id TEXT PRIMARY KEY,   -- mentions.id
    actor_id   TEXT NOT NULL       -- actors.id
);
CREATE INDEX IF NOT EXISTS actor_mentions_actor ON actor_mentions (actor_id);

-- The extractive corpus summary (zenobia.resolve.summary): chosen sentences, best first.
CREATE TABLE IF NOT EXISTS summary_sentences (
    position   INTEGER PRIMARY KEY,
    doc_id     TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    score      REAL NOT NULL
);

-- Views that flatten the facts for analysts (Datasette, the sqlite3 shell, DuckDB's sqlite
-- scanner, pandas.read_sql): one row per fact with its document's title, outlet and date, the
-- names of the actors it links to (in the order the sentence gives them: the name of the store's
-- actor each mention names, as corpus resolution merged them, else the mention's canonical name
-- until resolution has linked it; the noun phrase as written when none is linked), its place and
-- its sentence. Dropped and made again with the schema, so that an upgraded store has the
-- current definitions.
DROP VIEW IF EXISTS events_view;
CREATE VIEW events_view AS
SELECT
    e.id,
    ec.cluster_id,
    e.doc_id,
    d.title,
    d.outlet,
    d.published_date,
    e.type,
    e.mode,
    e.status,
    coalesce(
        (SELECT group_concat(name, ', ') FROM (
            SELECT coalesce(a.name, m.canonical) AS name, min(j.key) AS position
            FROM json_each(e.source_mention_ids) AS j JOIN mentions AS m ON m.id = j.value
            LEFT JOIN actor_mentions AS l ON l.mention_id = m.id
            LEFT JOIN actors AS a ON a.id = l.actor_id
            GROUP BY coalesce(a.name, m.canonical) ORDER BY position)),
        e.source_text
    ) AS actor,
    coalesce(
        (SELECT group_concat(name, ', ') FROM (
            SELECT coalesce(a.name, m.canonical) AS name, min(j.key) AS position
            FROM json_each(e.target_mention_ids) AS j JOIN mentions AS m ON m.id = j.value
            LEFT JOIN actor_mentions AS l ON l.mention_id = m.id
            LEFT JOIN actors AS a ON a.id = l.actor_id
            GROUP BY coalesce(a.name, m.canonical) ORDER BY position)),
        e.target_text
    ) AS recipient,
    coalesce(p.name, pm.text) AS place,
    p.country,
    p.lat,
    p.lon,
    e.date_start,
    e.date_end,
    e.dead,
    e.injured,
    substr(d.text, e.start_char + 1, e.end_char - e.start_char) AS sentence,
    e.start_char,
    e.end_char,
    e.confidence,
    e.confidence_basis
FROM events AS e
JOIN documents AS d ON d.id = e.doc_id
LEFT JOIN mentions AS pm ON pm.id = e.place_mention_id
LEFT JOIN places AS p ON p.id = pm.place_id
LEFT JOIN event_clusters AS ec ON ec.event_id = e.id;

DROP VIEW IF EXISTS quotes_view;
CREATE VIEW quotes_view AS
SELECT
    q.id,
    q.doc_id,
    d.title,
    d.outlet,
    d.published_date,
    coalesce(sa.name, sm.canonical, q.speaker_name) AS speaker,
    q.speaker_name,
    q.affiliation,
    q.text,
    q.is_direct,
    q.cue,
    q.cue_stance,
    s.text AS sentence,
    q.start_char,
    q.end_char,
    q.confidence,
    q.confidence_basis
FROM quotes AS q
JOIN documents AS d ON d.id = q.doc_id
LEFT JOIN sentences AS s ON s.doc_id = q.doc_id AND s.idx = q.sentence_idx
LEFT JOIN mentions AS sm ON sm.id = q.speaker_mention_id
LEFT JOIN actor_mentions AS sl ON sl.mention_id = q.speaker_mention_id
LEFT JOIN actors AS sa ON sa.id = sl.actor_id;

DROP VIEW IF EXISTS claims_view;
CREATE VIEW claims_view AS
SELECT
    c.id,
    c.doc_id,
    d.title,
    d.outlet,
    d.published_date,
    c.text,
    c.value,
    c.value_high,
    c.unit,
    c.of,
    c.qualifier,
    coalesce(sa.name, sm.canonical, sm.text) AS speaker,
    c.sentence,
    c.start_char,
    c.end_char,
    cs.corroborations,
    cs.contradictions,
    c.confidence,
    c.confidence_basis
FROM claims AS c
JOIN documents AS d ON d.id = c.doc_id
LEFT JOIN mentions AS sm ON sm.id = c.speaker_mention_id
LEFT JOIN actor_mentions AS sl ON sl.mention_id = c.speaker_mention_id
LEFT JOIN actors AS sa ON sa.id = sl.actor_id
LEFT JOIN claim_support AS cs ON cs.claim_id = c.id;
