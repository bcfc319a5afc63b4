-- Sos benchmark schema, PostgreSQL: the queue tables and OrleansQuery rows of the ADO.NET stream provider
-- (Microsoft.Orleans.Streaming.AdoNet 10.4.2-alpha.1), for `Sos.Bench streams` only. No production silo uses it.
-- Applied by the benchmark to its own fresh database, after Sos.Silo's migrations have created OrleansQuery.
--
-- Contract with the provider (read from its assembly and its source; the SQL below is ours):
--   query keys  QueueStreamMessageKey, GetStreamMessagesKey, ConfirmStreamMessagesKey, FailStreamMessageKey,
--               EvictStreamMessagesKey, EvictStreamDeadLettersKey (all six must exist, or the provider refuses to start)
--   parameters  @ServiceId, @ProviderId, @QueueId (text) on every query; @Payload (bytea), @ExpiryTimeout;
--               @MaxCount, @MaxAttempts, @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize;
--               @Items; @MessageId. Every timeout and interval is in whole seconds.
--   columns     QueueStreamMessageKey and ConfirmStreamMessagesKey: ServiceId, ProviderId, QueueId, MessageId (bigint);
--               GetStreamMessagesKey: those and Dequeued (int), VisibleOn, ExpiresOn, CreatedOn, ModifiedOn, Payload.
--   receipts    @Items is "id:dequeued|id:dequeued…". A positive count confirms (the message is done: delete it) and a
--               negative one releases (a receiver handing its queue over: make it visible again now). Either applies
--               only while the row's dequeue count is still that count, so a stale receiver cannot touch a message a
--               newer receiver has taken. The rows acted on come back.
--   dequeue     A message is handed out at most MaxAttempts times, hidden for VisibilityTimeout each time, and is
--               dead after ExpiryTimeout; dead messages move to the dead letters, which are kept RemovalTimeout.
--               The provider does not call the eviction keys itself: dequeueing evicts every EvictionInterval.

CREATE TABLE IF NOT EXISTS sos_bench_stream_message
(
    service_id  text        NOT NULL,
    provider_id text        NOT NULL,
    queue_id    text        NOT NULL,
    message_id  bigint      GENERATED ALWAYS AS IDENTITY,
    dequeued    integer     NOT NULL DEFAULT 0,
    visible_on  timestamptz NOT NULL,
    expires_on  timestamptz NOT NULL,
    created_on  timestamptz NOT NULL,
    modified_on timestamptz NOT NULL,
    payload     bytea       NOT NULL,

    CONSTRAINT sos_bench_stream_message_pk PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE TABLE IF NOT EXISTS sos_bench_stream_dead_letter
(
    service_id  text        NOT NULL,
    provider_id text        NOT NULL,
    queue_id    text        NOT NULL,
    message_id  bigint      NOT NULL,
    dequeued    integer     NOT NULL,
    created_on  timestamptz NOT NULL,
    dead_on     timestamptz NOT NULL,
    remove_on   timestamptz NOT NULL,
    payload     bytea,

    CONSTRAINT sos_bench_stream_dead_letter_pk PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

-- One row a queue: when its next opportunistic eviction is due.
CREATE TABLE IF NOT EXISTS sos_bench_stream_queue
(
    service_id  text        NOT NULL,
    provider_id text        NOT NULL,
    queue_id    text        NOT NULL,
    evict_after timestamptz NOT NULL,

    CONSTRAINT sos_bench_stream_queue_pk PRIMARY KEY (service_id, provider_id, queue_id)
);

-- Moves up to p_max_count dead messages of a queue (handed out too often, or expired, and not hidden) to the dead
-- letters, and forgets dead letters whose time is up.
CREATE OR REPLACE FUNCTION sos_bench_stream_evict(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer, p_removal_timeout integer)
RETURNS void
LANGUAGE sql
AS $fn$
    WITH dead AS (
        DELETE FROM sos_bench_stream_message AS m
        WHERE (m.service_id, m.provider_id, m.queue_id, m.message_id) IN (
            SELECT service_id, provider_id, queue_id, message_id
            FROM sos_bench_stream_message
            WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
              AND visible_on <= now() AND (dequeued >= p_max_attempts OR expires_on <= now())
            ORDER BY message_id
            LIMIT p_max_count
            FOR UPDATE)
        RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id, m.dequeued, m.created_on, m.payload)
    INSERT INTO sos_bench_stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, created_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, created_on, now(), now() + make_interval(secs => p_removal_timeout), payload
    FROM dead;

    DELETE FROM sos_bench_stream_dead_letter AS d
    WHERE (d.service_id, d.provider_id, d.queue_id, d.message_id) IN (
        SELECT service_id, provider_id, queue_id, message_id
        FROM sos_bench_stream_dead_letter
        WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id AND remove_on <= now()
        ORDER BY message_id
        LIMIT p_max_count
        FOR UPDATE);
$fn$;

-- Hands out the next visible messages of a queue, oldest first, each hidden for p_visibility_timeout and counted;
-- first evicts the queue's dead messages when its eviction is due (whichever receiver moves evict_after does it).
CREATE OR REPLACE FUNCTION sos_bench_stream_dequeue(
    p_service_id text, p_provider_id text, p_queue_id text, p_max_count integer, p_max_attempts integer,
    p_visibility_timeout integer, p_removal_timeout integer, p_eviction_interval integer, p_eviction_batch_size integer)
RETURNS TABLE ("ServiceId" text, "ProviderId" text, "QueueId" text, "MessageId" bigint, "Dequeued" integer,
               "VisibleOn" timestamptz, "ExpiresOn" timestamptz, "CreatedOn" timestamptz, "ModifiedOn" timestamptz, "Payload" bytea)
LANGUAGE plpgsql
AS $fn$
BEGIN
    INSERT INTO sos_bench_stream_queue (service_id, provider_id, queue_id, evict_after)
    VALUES (p_service_id, p_provider_id, p_queue_id, '-infinity')
    ON CONFLICT DO NOTHING;

    UPDATE sos_bench_stream_queue
    SET evict_after = now() + make_interval(secs => p_eviction_interval)
    WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id AND evict_after <= now();
    IF FOUND THEN
        PERFORM sos_bench_stream_evict(p_service_id, p_provider_id, p_queue_id, p_eviction_batch_size, p_max_attempts, p_removal_timeout);
    END IF;

    RETURN QUERY
    UPDATE sos_bench_stream_message AS m
    SET dequeued = m.dequeued + 1,
        visible_on = now() + make_interval(secs => p_visibility_timeout),
        modified_on = now()
    WHERE (m.service_id, m.provider_id, m.queue_id, m.message_id) IN (
        SELECT service_id, provider_id, queue_id, message_id
        FROM sos_bench_stream_message
        WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
          AND dequeued < p_max_attempts AND visible_on <= now() AND expires_on > now()
        ORDER BY message_id
        LIMIT p_max_count
        FOR UPDATE)
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id, m.dequeued,
              m.visible_on, m.expires_on, m.created_on, m.modified_on, m.payload;
END;
$fn$;

-- A failed delivery: visible again at once while attempts remain, else a dead letter.
CREATE OR REPLACE FUNCTION sos_bench_stream_fail(
    p_service_id text, p_provider_id text, p_queue_id text, p_message_id bigint, p_max_attempts integer, p_removal_timeout integer)
RETURNS void
LANGUAGE sql
AS $fn$
    UPDATE sos_bench_stream_message
    SET visible_on = now(), modified_on = now()
    WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
      AND message_id = p_message_id AND dequeued < p_max_attempts;

    WITH dead AS (
        DELETE FROM sos_bench_stream_message
        WHERE service_id = p_service_id AND provider_id = p_provider_id AND queue_id = p_queue_id
          AND message_id = p_message_id AND dequeued >= p_max_attempts
        RETURNING service_id, provider_id, queue_id, message_id, dequeued, created_on, payload)
    INSERT INTO sos_bench_stream_dead_letter (service_id, provider_id, queue_id, message_id, dequeued, created_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, created_on, now(), now() + make_interval(secs => p_removal_timeout), payload
    FROM dead;
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
('QueueStreamMessageKey', $sql$
INSERT INTO sos_bench_stream_message (service_id, provider_id, queue_id, visible_on, expires_on, created_on, modified_on, payload)
VALUES (@ServiceId, @ProviderId, @QueueId, now(), now() + make_interval(secs => @ExpiryTimeout), now(), now(), @Payload)
RETURNING service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId", message_id AS "MessageId";
$sql$),

('GetStreamMessagesKey', $sql$
SELECT * FROM sos_bench_stream_dequeue(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize);
$sql$),

-- Confirms (positive receipts) and releases (negative receipts) in one statement.
('ConfirmStreamMessagesKey', $sql$
WITH receipt AS (
    SELECT split_part(item, ':', 1)::bigint AS message_id, split_part(item, ':', 2)::integer AS dequeued
    FROM unnest(string_to_array(@Items, '|')) AS item),
confirmed AS (
    DELETE FROM sos_bench_stream_message AS m
    USING receipt AS r
    WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
      AND m.message_id = r.message_id AND r.dequeued > 0 AND m.dequeued = r.dequeued
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id),
released AS (
    UPDATE sos_bench_stream_message AS m
    SET visible_on = now(), modified_on = now()
    FROM receipt AS r
    WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
      AND m.message_id = r.message_id AND r.dequeued < 0 AND m.dequeued = -r.dequeued
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id)
SELECT service_id AS "ServiceId", provider_id AS "ProviderId", queue_id AS "QueueId", message_id AS "MessageId" FROM confirmed
UNION ALL
SELECT service_id, provider_id, queue_id, message_id FROM released;
$sql$),

('FailStreamMessageKey', $sql$
SELECT sos_bench_stream_fail(@ServiceId, @ProviderId, @QueueId, @MessageId, @MaxAttempts, @RemovalTimeout);
$sql$),

-- The provider sends the batch size of these two as @MaxCount.
('EvictStreamMessagesKey', $sql$
SELECT sos_bench_stream_evict(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @RemovalTimeout);
$sql$),

('EvictStreamDeadLettersKey', $sql$
DELETE FROM sos_bench_stream_dead_letter
WHERE (service_id, provider_id, queue_id, message_id) IN (
    SELECT service_id, provider_id, queue_id, message_id
    FROM sos_bench_stream_dead_letter
    WHERE service_id = @ServiceId AND provider_id = @ProviderId AND queue_id = @QueueId AND remove_on <= now()
    ORDER BY message_id
    LIMIT @MaxCount
    FOR UPDATE);
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
