-- Tamper evidence (防篡改): every event carries a SHA-256 over its canonical bytes and the hash of the
-- previous event of the same aggregate (one hash chain per aggregate), and the event table refuses
-- UPDATE, DELETE and TRUNCATE. Why per aggregate and in a trigger: docs/decisions.md, "Hash chain".
--
-- Canonical bytes, version 1 (EventCanonicalForm in Java recomputes exactly these):
--   field(event_identifier) || field(aggregate_identifier) || int8 sequence_number
--   || field(type) || field(time_stamp) || field(payload_type) || field(payload_revision)
--   || field(payload) || field(meta_data) || field(prev_hash)
-- where field(x) = 4-byte big-endian length of x's UTF-8 bytes, then those bytes; NULL = length -1
-- and no bytes; int8 = 8 bytes big-endian; prev_hash (raw 32 bytes) is NULL for sequence number 0.
-- Texts are hashed exactly as stored, so the payload covers the business date (occurredOn),
-- time_stamp is the recording instant and meta_data holds recordedBy (and the correlation id).

ALTER TABLE domain_event_entry
    ADD COLUMN event_hash BYTEA,
    ADD COLUMN prev_hash  BYTEA;

-- One plpgsql expression over built-ins: an SQL helper per field cost twice the CPU per insert.
CREATE FUNCTION event_chain_hash(event_identifier TEXT, aggregate_identifier TEXT, sequence_number BIGINT,
                                 aggregate_type TEXT, time_stamp TEXT, payload_type TEXT, payload_revision TEXT,
                                 payload TEXT, meta_data TEXT, prev_hash BYTEA) RETURNS BYTEA
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    -- field(x) = coalesce(int4send(length(x)) || x, int4send(-1)): a NULL x makes the first operand NULL
    RETURN sha256(
           coalesce(int4send(length(convert_to(event_identifier, 'UTF8'))) || convert_to(event_identifier, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(convert_to(aggregate_identifier, 'UTF8'))) || convert_to(aggregate_identifier, 'UTF8'), int4send(-1))
        || int8send(sequence_number)
        || coalesce(int4send(length(convert_to(aggregate_type, 'UTF8'))) || convert_to(aggregate_type, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(convert_to(time_stamp, 'UTF8'))) || convert_to(time_stamp, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(convert_to(payload_type, 'UTF8'))) || convert_to(payload_type, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(convert_to(payload_revision, 'UTF8'))) || convert_to(payload_revision, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(convert_to(payload, 'UTF8'))) || convert_to(payload, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(convert_to(meta_data, 'UTF8'))) || convert_to(meta_data, 'UTF8'), int4send(-1))
        || coalesce(int4send(length(prev_hash)) || prev_hash, int4send(-1)));
END $$;

-- Existing events (a store older than this migration) are chained in (aggregate, sequence) order.
DO $$
DECLARE
    e        RECORD;
    previous BYTEA;
    aggregate TEXT;
    hashed   BYTEA;
BEGIN
    FOR e IN SELECT * FROM domain_event_entry ORDER BY aggregate_identifier, sequence_number LOOP
        IF aggregate IS DISTINCT FROM e.aggregate_identifier THEN
            previous := NULL;
            aggregate := e.aggregate_identifier;
        END IF;
        hashed := event_chain_hash(e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                                   e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data, previous);
        UPDATE domain_event_entry SET event_hash = hashed, prev_hash = previous WHERE global_index = e.global_index;
        previous := hashed;
    END LOOP;
END $$;

ALTER TABLE domain_event_entry ALTER COLUMN event_hash SET NOT NULL;

-- Whatever the writer sends, the hash is the database's: the previous event of the aggregate is found
-- through the (aggregate_identifier, sequence_number) key, which also serializes two writers of one
-- aggregate (the loser's insert fails on that key). Rows inserted earlier in the same transaction
-- (several events of one command) are visible here.
-- enable_seqscan = off: the lookup's plan is cached per session, and one made while the table looked
-- empty (a fresh or just analyzed table) is a sequential scan, which made appends O(table size)
-- (bench/event-chain-insert: 8,000 events took 17x longer than the first 2,000). The index always fits.
CREATE FUNCTION domain_event_entry_chain() RETURNS TRIGGER
    LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
    previous BYTEA;
BEGIN
    IF NEW.sequence_number > 0 THEN
        SELECT event_hash INTO previous FROM domain_event_entry
         WHERE aggregate_identifier = NEW.aggregate_identifier AND sequence_number = NEW.sequence_number - 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'event % of % has sequence number % but its predecessor is not stored',
                NEW.event_identifier, NEW.aggregate_identifier, NEW.sequence_number;
        END IF;
    END IF;
    NEW.prev_hash := previous;
    NEW.event_hash := event_chain_hash(NEW.event_identifier, NEW.aggregate_identifier, NEW.sequence_number, NEW.type,
                                       NEW.time_stamp, NEW.payload_type, NEW.payload_revision, NEW.payload,
                                       NEW.meta_data, previous);
    RETURN NEW;
END $$;

CREATE TRIGGER domain_event_entry_chain BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_chain();

-- The event log is append-only, for every role (superusers too) until the table's owner disables
-- the trigger, which an audit then sees as a broken chain.
CREATE FUNCTION domain_event_entry_append_only() RETURNS TRIGGER
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'domain_event_entry is append-only: % refused', TG_OP
        USING HINT = 'stored events are never changed; record a correcting event instead';
END $$;

CREATE TRIGGER domain_event_entry_append_only BEFORE UPDATE OR DELETE ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_append_only();
CREATE TRIGGER domain_event_entry_no_truncate BEFORE TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION domain_event_entry_append_only();

-- And no role keeps the privilege to try: UPDATE, DELETE and TRUNCATE are revoked from every grantee,
-- PUBLIC and the owner itself (an owner could grant them back, a separate runtime role cannot; see
-- docs/deployment.md, "Event store privileges"). A superuser ignores privileges; the trigger holds.
DO $$
DECLARE
    role_name TEXT;
BEGIN
    FOR role_name IN
        SELECT DISTINCT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
          FROM pg_class c, aclexplode(c.relacl) a
         WHERE c.oid = 'domain_event_entry'::regclass AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
        UNION
        SELECT quote_ident(pg_get_userbyid(c.relowner)) FROM pg_class c WHERE c.oid = 'domain_event_entry'::regclass
    LOOP
        EXECUTE 'REVOKE UPDATE, DELETE, TRUNCATE ON domain_event_entry FROM ' || role_name;
    END LOOP;
END $$;
