-- The event's link in its aggregate's hash chain (防篡改), as command-service's event store computed it and
-- published it (CloudEvents extensions eventhash, prevhash; hex SHA-256). Null for events published
-- before the chain existed, and prev_hash for an aggregate's first event. The copy shows them; the
-- authority is command-service's GET /api/v1/audit/verify.
alter table event_log add column event_hash text, add column prev_hash text;
alter table held_event add column event_hash text, add column prev_hash text;
