-- the hourly purge of expired idempotency keys reads them by age
CREATE INDEX idempotency_key_created_at ON idempotency_key (created_at);
