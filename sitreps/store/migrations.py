"""The store's schema, as registered migrations.

Each migration is ``(version, name, sql)``; the store applies the ones it has
not yet recorded in ``schema_migrations``, each in its own transaction, in
version order.  A migration, once released, is never edited: a schema change is
a new entry at the end of ``MIGRATIONS``.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


_INITIAL = """
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    text VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    published_precision INTEGER,
    language VARCHAR NOT NULL,
    source VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    content_hash VARCHAR NOT NULL,
    duplicate_of VARCHAR
);
CREATE INDEX documents_content_hash ON documents (content_hash);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    event_type VARCHAR NOT NULL,
    sub_event_type VARCHAR NOT NULL,
    country VARCHAR,
    event_date DATE,
    time_precision INTEGER,
    actor1 VARCHAR,
    actor2 VARCHAR,
    assoc_actor_1 VARCHAR,
    assoc_actor_2 VARCHAR,
    inter1 INTEGER,
    inter2 INTEGER,
    attribution VARCHAR,
    location VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    iso VARCHAR,
    latitude DOUBLE,
    longitude DOUBLE,
    geo_precision INTEGER,
    fatalities INTEGER,
    injured INTEGER,
    abducted INTEGER,
    evidence VARCHAR,
    confidence DOUBLE,
    optional BOOLEAN,
    document_id VARCHAR,
    dataset VARCHAR NOT NULL,
    source_event_id VARCHAR,
    notes VARCHAR
);

CREATE TABLE evidence_spans (
    event_id VARCHAR NOT NULL,
    document_id VARCHAR,
    field VARCHAR NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR
);

CREATE TABLE actors (
    document_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    text VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    actor_type INTEGER,
    attribution VARCHAR
);

CREATE TABLE places (
    document_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    "start" INTEGER,
    "end" INTEGER,
    latitude DOUBLE,
    longitude DOUBLE,
    country VARCHAR,
    country_code VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    geonames_id BIGINT,
    feature VARCHAR,
    geo_precision INTEGER,
    source VARCHAR
);

CREATE TABLE quotes (
    document_id VARCHAR NOT NULL,
    speaker VARCHAR,
    text VARCHAR NOT NULL,
    affiliation VARCHAR,
    "start" INTEGER,
    "end" INTEGER
);

CREATE TABLE claims (
    document_id VARCHAR NOT NULL,
    subject VARCHAR,
    quantity VARCHAR NOT NULL,
    "of" VARCHAR NOT NULL,
    period VARCHAR,
    source VARCHAR,
    evidence VARCHAR,
    "start" INTEGER,
    "end" INTEGER
);

CREATE TABLE ingest_errors (
    input VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    time TIMESTAMP NOT NULL
);
"""

_SIGNATURES = """
CREATE TABLE document_signatures (
    document_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL
);
"""

#: Columns of imported datasets (ACLED, UCDP) that ``events`` has no place for, as JSON.
DATASET_FIELDS = """
CREATE TABLE IF NOT EXISTS dataset_fields (
    event_id VARCHAR PRIMARY KEY,
    dataset VARCHAR NOT NULL,
    fields VARCHAR NOT NULL
);
"""

#: Alerts that an analyst's rules raised, keyed so that re-evaluation adds nothing.
ALERTS = """
CREATE TABLE IF NOT EXISTS alerts (
    rule VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    subject VARCHAR NOT NULL,
    first_seen DATE NOT NULL,
    message VARCHAR NOT NULL,
    evidence VARCHAR[] NOT NULL,
    detected_at TIMESTAMP NOT NULL,
    PRIMARY KEY (rule, subject, first_seen)
);
"""

#: Every schema change, oldest first.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables", _INITIAL),
    Migration(2, "near-duplicate signatures", _SIGNATURES),
    Migration(3, "dataset fields", DATASET_FIELDS),
    Migration(4, "alerts", ALERTS),
    Migration(5, "how a place is named", "ALTER TABLE places ADD COLUMN relation VARCHAR;"),
)

#: The table that records which migrations a store has had.
SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""
