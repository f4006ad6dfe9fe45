-- A poison record is parked once. Offsets are committed asynchronously (2026-12-05), so a record parked
-- in a committed batch can be delivered again after a rebalance or a crash that lost its offset commit;
-- parking it again would double the dead letter. Rows without a Kafka place (held events parked after
-- their wait, offset -1) are not covered: each such parking deletes its held row in the same transaction.
-- V171, not V163: databases of both readers are already at V170, and Flyway refuses a lower new version.
delete from dead_letter later
 using dead_letter earlier
 where later.kafka_offset >= 0
   and later.topic = earlier.topic
   and later.kafka_partition = earlier.kafka_partition
   and later.kafka_offset = earlier.kafka_offset
   and later.id > earlier.id;

create unique index dead_letter_record on dead_letter (topic, kafka_partition, kafka_offset)
    where kafka_offset >= 0;
