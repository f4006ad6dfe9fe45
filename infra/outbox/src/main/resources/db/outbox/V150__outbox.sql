-- The transactional outbox (infra/outbox): a message to publish is a row written in the transaction that
-- decided it (an alert transition, an evaluation snapshot, a projected-score change), so it exists exactly
-- when that transaction committed. The relay sends unsent rows in id order and sets sent_at once the broker
-- acknowledged them; a crash between the two re-sends a row under the same CloudEvents id (event_id), which
-- readers deduplicate. Shipped in the outbox jar: a service adds classpath:db/outbox to its Flyway locations.
create table outbox (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    event_id     text        not null unique,
    event_type   text        not null,
    subject      text,
    occurred_at  timestamptz not null,
    payload      bytea       not null,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz
);

create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_sent_at on outbox (sent_at) where sent_at is not null;
