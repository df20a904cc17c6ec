-- The communique warehouse: staging tables the pipeline keeps between runs,
-- then the star schema analysts query. Applied on every connect; every
-- statement is idempotent. When a table's shape changes, bump SCHEMA_VERSION
-- in pipelines/store/database.py: older warehouses are then rebuilt from the
-- texts they hold (the article store below is carried over, column by name,
-- so a column added to it needs a DEFAULT), never from raw/.

CREATE TABLE IF NOT EXISTS warehouse_meta (
    key    VARCHAR PRIMARY KEY,
    value  VARCHAR NOT NULL
);

-- Staging ---------------------------------------------------------------

-- The article store, the system of record: every article ever loaded, with
-- its current text, whether its file is still in the raw folder and, if not,
-- when a run last saw it. A file leaving raw/ never removes its article
-- (unless the raw folder is mirrored, COMMUNIQUE_MIRROR_RAW=1).
CREATE TABLE IF NOT EXISTS stg_article (
    article_id      VARCHAR PRIMARY KEY,
    source_path     VARCHAR NOT NULL,      -- where the file is, or was last seen
    content_sha256  VARCHAR NOT NULL,
    published_date  DATE NOT NULL,
    word_count      INTEGER NOT NULL,
    body_start      INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    file_mtime      DOUBLE,
    file_size       BIGINT,
    source_present  BOOLEAN NOT NULL DEFAULT true,
    last_seen_at    TIMESTAMP              -- NULL while the file is there; else the last run that saw it
);

-- Every text an article has had: editing a file is a new version, and the
-- earlier content hashes stay recorded here.
CREATE TABLE IF NOT EXISTS article_version (
    article_id      VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    source_path     VARCHAR NOT NULL,
    published_date  DATE,
    word_count      INTEGER,
    loaded_at       TIMESTAMP NOT NULL,
    superseded_at   TIMESTAMP,             -- when a newer text replaced it; NULL for the current one
    PRIMARY KEY (article_id, version)
);

-- Articles removed on purpose (`communique retract`): no facts in the star
-- schema, whatever the raw folder holds, until `communique unretract`.
CREATE TABLE IF NOT EXISTS retraction (
    article_id      VARCHAR PRIMARY KEY,
    reason          VARCHAR NOT NULL,
    retracted_at    TIMESTAMP NOT NULL,
    retracted_by    VARCHAR NOT NULL,
    content_sha256  VARCHAR                -- the text that was retracted
);
-- Every retract and unretract, who, when and why.
CREATE TABLE IF NOT EXISTS retraction_log (
    article_id  VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,          -- retract | unretract
    reason      VARCHAR,
    acted_at    TIMESTAMP NOT NULL,
    acted_by    VARCHAR NOT NULL
);

-- The articles the star schema is built from: the store minus retractions.
CREATE OR REPLACE VIEW live_article AS
SELECT a.* FROM stg_article a
WHERE NOT EXISTS (SELECT 1 FROM retraction r WHERE r.article_id = a.article_id);

-- Every file now behind an article: the same text under two names is one article
-- with two sources, so its facts are never counted twice.
CREATE TABLE IF NOT EXISTS stg_article_source (
    article_id   VARCHAR NOT NULL,
    source_path  VARCHAR PRIMARY KEY
);

-- Extractions, kept per (content, extractor version): an unchanged article
-- is never extracted twice, and a new extractor version re-extracts all.
CREATE TABLE IF NOT EXISTS extraction_cache (
    content_sha256     VARCHAR NOT NULL,
    extractor_version  VARCHAR NOT NULL,
    payload            JSON NOT NULL,
    error              VARCHAR,            -- why extraction failed (payload then holds no facts)
    extracted_at       TIMESTAMP NOT NULL,
    PRIMARY KEY (content_sha256, extractor_version)
);

-- Cross-article actor resolution: the actors asset writes these, the star
-- schema load copies them into dim_actor and actor_alias.
CREATE TABLE IF NOT EXISTS stg_actor (
    actor_id        VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    actor_type      VARCHAR NOT NULL,
    country_code    VARCHAR,
    country_basis   VARCHAR
);
CREATE TABLE IF NOT EXISTS stg_actor_alias (
    actor_id  VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS stg_actor_key (
    article_id  VARCHAR NOT NULL,
    actor_key   VARCHAR NOT NULL,  -- the actor's key inside that article's extraction
    actor_id    VARCHAR NOT NULL,
    PRIMARY KEY (article_id, actor_key)
);

-- What each article's star rows were built from (content, sources, extractor
-- version, its actors' ids): an article whose digest is unchanged keeps its
-- rows, so editing one file rewrites one article's facts.
CREATE TABLE IF NOT EXISTS stg_star_article (
    article_id  VARCHAR PRIMARY KEY,
    digest      VARCHAR NOT NULL
);
-- Every place a loaded meeting or agreement names, in article order, from
-- which dim_location is rebuilt without reading every extraction again.
CREATE TABLE IF NOT EXISTS stg_location_use (
    article_id    VARCHAR NOT NULL,
    seq           INTEGER NOT NULL,
    location_id   VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    country_code  VARCHAR,
    PRIMARY KEY (article_id, seq)
);

-- Files that could not be read as articles, with the reason.
CREATE TABLE IF NOT EXISTS quarantine (
    source_path  VARCHAR PRIMARY KEY,
    reason       VARCHAR NOT NULL,
    detail       VARCHAR NOT NULL,
    seen_at      TIMESTAMP NOT NULL
);

-- Star schema ------------------------------------------------------------

CREATE TABLE IF NOT EXISTS dim_article (
    article_id          VARCHAR PRIMARY KEY,
    source_path         VARCHAR NOT NULL,
    content_sha256      VARCHAR NOT NULL,
    published_date      DATE NOT NULL,
    word_count          INTEGER NOT NULL,
    extractor_version   VARCHAR NOT NULL,
    extraction_error    VARCHAR,           -- set when the extractor failed on this article
    text                VARCHAR NOT NULL,  -- evidence offsets point into this
    version             INTEGER NOT NULL,  -- 1, then one more for each edit of the text (article_version)
    source_present      BOOLEAN NOT NULL,  -- is its file still in the raw folder?
    last_seen_at        TIMESTAMP          -- NULL while it is; else the last run that saw it
);

CREATE TABLE IF NOT EXISTS article_source (
    article_id   VARCHAR NOT NULL,
    source_path  VARCHAR PRIMARY KEY
);

CREATE TABLE IF NOT EXISTS dim_actor (
    actor_id        VARCHAR PRIMARY KEY,
    canonical_name  VARCHAR NOT NULL,
    actor_type      VARCHAR NOT NULL,      -- person | organization | country
    country_code    VARCHAR,               -- ISO 3166-1 alpha-2
    country_basis   VARCHAR,               -- stated in the text, or inferred from the article's main country
    article_count   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS actor_alias (
    actor_id  VARCHAR NOT NULL,
    alias     VARCHAR NOT NULL,
    PRIMARY KEY (actor_id, alias)
);

CREATE TABLE IF NOT EXISTS fact_actor_mention (
    mention_id    VARCHAR PRIMARY KEY,
    article_id    VARCHAR NOT NULL,
    actor_id      VARCHAR NOT NULL,
    mention_text  VARCHAR NOT NULL,
    title         VARCHAR,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_location (
    location_id   VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    country_code  VARCHAR,
    latitude      DOUBLE,
    longitude     DOUBLE,
    geonames_id   BIGINT,                -- the GeoNames id of the place (of its city for a site), where known
    feature       VARCHAR                -- country | region | city | site (pipelines/geo/gazetteer.py)
);

CREATE TABLE IF NOT EXISTS fact_meeting (
    meeting_id      VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    meeting_date    VARCHAR,               -- ISO at its precision: 2024-02-03, 2024-02, 2024
    date_precision  VARCHAR,               -- day | month | year
    date_start      DATE,                  -- first day the date can mean, for range queries
    location_id     VARCHAR,
    status          VARCHAR NOT NULL,      -- occurred | planned
    kind            VARCHAR NOT NULL,      -- bilateral | multilateral | visit | call
    evidence        VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    event_id        VARCHAR NOT NULL       -- its event in dim_event (alone until fusion joins it to others)
);

CREATE TABLE IF NOT EXISTS bridge_meeting_participant (
    meeting_id  VARCHAR NOT NULL,
    actor_id    VARCHAR NOT NULL,
    PRIMARY KEY (meeting_id, actor_id)
);

CREATE TABLE IF NOT EXISTS fact_agreement (
    agreement_id    VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    date_signed     VARCHAR,
    date_precision  VARCHAR,
    location_id     VARCHAR,
    effective_from  VARCHAR,
    effective_to    VARCHAR,
    status          VARCHAR NOT NULL,      -- signed | planned | in_force | negotiating
    evidence        VARCHAR NOT NULL,
    char_start      INTEGER NOT NULL,
    char_end        INTEGER NOT NULL,
    event_id        VARCHAR NOT NULL       -- its event in dim_event (alone until fusion joins it to others)
);

CREATE TABLE IF NOT EXISTS bridge_agreement_party (
    agreement_id  VARCHAR NOT NULL,
    actor_id      VARCHAR NOT NULL,
    PRIMARY KEY (agreement_id, actor_id)
);

CREATE TABLE IF NOT EXISTS fact_funding (
    funding_id          VARCHAR PRIMARY KEY,
    article_id          VARCHAR NOT NULL,
    funder_actor_id     VARCHAR,
    recipient_actor_id  VARCHAR,
    amount              DOUBLE NOT NULL,
    currency            VARCHAR NOT NULL,  -- ISO 4217
    qualifier           VARCHAR,           -- up to | about | more than
    status              VARCHAR NOT NULL,  -- pledged | approved | disbursed | requested
    purpose             VARCHAR,
    funding_date        VARCHAR,
    evidence            VARCHAR NOT NULL,
    char_start          INTEGER NOT NULL,
    char_end            INTEGER NOT NULL,
    -- In US dollars (pipelines/money_fx.py): at the funding's date, else the article's
    amount_usd          DOUBLE,            -- NULL when no rate is known (fx_source says why)
    fx_rate             DOUBLE,            -- units of the currency per US dollar
    fx_rate_date        VARCHAR,           -- the rate's day, or the year of an annual average
    fx_source           VARCHAR,           -- usd | stated | peg | ecb | annual PA.NUS.FCRF | no rate: ...
    event_id            VARCHAR NOT NULL   -- its event in dim_event
);

-- The offices each person is said to hold ("Defence Cabinet Secretary" of KE,
-- "Administrator" of the USAID organization), one row per person and office
-- however the articles word it, with the first and last publication dates
-- that name them so (pipelines/nlp/offices.py reads the titles).
CREATE TABLE IF NOT EXISTS dim_actor_role (
    role_id        VARCHAR PRIMARY KEY,
    actor_id       VARCHAR NOT NULL,      -- the person
    title          VARCHAR NOT NULL,      -- the office, normalised: "Defence Cabinet Secretary", "Foreign Minister"
    office_key     VARCHAR NOT NULL,      -- its order-free key: "cabinet_secretary defence"
    country_code   VARCHAR,               -- whose office: the country the title names, else the body's or the person's
    org_actor_id   VARCHAR,               -- the body the office belongs to, when the title names one
    first_seen     DATE NOT NULL,         -- earliest publication date of an article naming the person so
    last_seen      DATE NOT NULL,         -- latest such publication date
    article_count  INTEGER NOT NULL
);

-- Events ------------------------------------------------------------------
-- One row per real-world event, however many articles report it (fusion:
-- pipelines/events, written by pipelines/store/events.py right after the facts).
CREATE TABLE IF NOT EXISTS dim_event (
    event_id                VARCHAR PRIMARY KEY,
    event_kind              VARCHAR NOT NULL,  -- meeting | agreement | funding
    label                   VARCHAR NOT NULL,
    event_date              VARCHAR,           -- the most precise date any report gives
    date_precision          VARCHAR,
    date_start              DATE,
    location_id             VARCHAR,
    status                  VARCHAR NOT NULL,  -- the furthest any report supports: occurred beats planned
    planned_first_reported  BOOLEAN NOT NULL,  -- first reported as planned, later as held (signed, paid)
    report_count            INTEGER NOT NULL,  -- distinct articles
    fact_count              INTEGER NOT NULL,  -- fact rows (an article may tell it twice)
    first_reported          DATE NOT NULL,
    last_reported           DATE NOT NULL,
    plover_type             VARCHAR NOT NULL,  -- PLOVER event type (pipelines/events/codes.py)
    plover_mode             VARCHAR,           -- PLOVER mode where PLOVER defines one (CONSULT)
    cameo_code              VARCHAR NOT NULL   -- CAMEO event code
);
CREATE TABLE IF NOT EXISTS bridge_event_actor (
    event_id  VARCHAR NOT NULL,
    actor_id  VARCHAR NOT NULL,
    role      VARCHAR NOT NULL,                -- participant | party | funder | recipient
    PRIMARY KEY (event_id, actor_id, role)
);
-- The last fusion, per fact: what it read (signature) and where it went, so
-- that the next run re-fuses only what changed.
CREATE TABLE IF NOT EXISTS stg_event_fact (
    fact_id       VARCHAR PRIMARY KEY,
    kind          VARCHAR NOT NULL,
    signature     VARCHAR NOT NULL,
    event_id      VARCHAR NOT NULL,
    component_id  VARCHAR NOT NULL
);
