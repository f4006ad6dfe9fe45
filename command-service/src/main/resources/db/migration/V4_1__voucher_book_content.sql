-- A voucher re-sent with any field changed is refused with the differing fields named, so the voucher
-- book keeps what was posted, not only line and amount. Existing rows are filled from their event
-- (payloads are JSON text); a row whose event cannot be read keeps NULLs, and NULL is not compared.
ALTER TABLE voucher_book
    ADD COLUMN payee       TEXT,
    ADD COLUMN purpose     TEXT,
    ADD COLUMN procurement BOOLEAN,
    ADD COLUMN occurred_on DATE;

UPDATE voucher_book v
SET payee       = e.payload::jsonb ->> 'payee',
    purpose     = e.payload::jsonb ->> 'purpose',
    procurement = (e.payload::jsonb ->> 'procurement')::boolean,
    occurred_on = (e.payload::jsonb ->> 'occurredOn')::date
FROM domain_event_entry e
WHERE e.event_identifier = v.event_id;
