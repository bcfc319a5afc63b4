-- Sos schema, PostgreSQL, migration 0001: the query catalogue.
--
-- The Orleans ADO.NET providers (clustering, grain storage, reminders) ship no SQL. At start-up
-- each one runs `SELECT QueryKey, QueryText FROM OrleansQuery` and then only ever executes the
-- texts it found there, by key. So the table name and its two column names are fixed by Orleans;
-- everything the stored texts touch (tables, functions) is ours and is defined by the later
-- migrations, which also insert their rows here.
--
-- Every statement is idempotent: running this file again changes nothing.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT orleans_query_pk PRIMARY KEY (QueryKey)
);
