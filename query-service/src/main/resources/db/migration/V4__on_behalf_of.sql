-- Whom the client said it recorded for (代办, its X-Recorded-By claim; CloudEvents extension onbehalfof).
-- recorded_by is the authenticated principal. Null when the client claimed nothing and on older events.
alter table event_log add column on_behalf_of text;
alter table held_event add column on_behalf_of text;
