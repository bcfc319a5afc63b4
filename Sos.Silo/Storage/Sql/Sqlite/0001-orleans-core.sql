-- Sos schema, SQLite, migration 0001: the query catalogue.
--
-- Orleans.Persistence.AdoNet with the invariant "System.Data.SQLite" (which loads
-- Microsoft.Data.Sqlite) reads its SQL from this table by key at start-up. The table name and
-- its two column names are fixed by Orleans; the texts are ours (migration 0002).
-- On SQLite Orleans offers grain storage only: no clustering, no reminders.
--
-- Idempotent: running this file again changes nothing.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL,
    QueryText TEXT NOT NULL,

    CONSTRAINT orleans_query_pk PRIMARY KEY (QueryKey)
);
