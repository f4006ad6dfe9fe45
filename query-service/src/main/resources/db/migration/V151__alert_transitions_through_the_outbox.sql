-- budget.alerts.v1 is fed by the outbox (classpath:db/outbox, V150) instead of alert_transition.published_at.
-- A transition not yet published when this runs moves to the outbox, in id order, as the AlertTransitioned
-- payload of budget-api, so the switch loses none; then the column is gone.
insert into outbox (topic, message_key, event_id, event_type, subject, occurred_at, payload)
select 'budget.alerts.v1',
       department || ':' || fiscal_year,
       'alert-transition-' || id,
       'io.budgetmonitor.AlertTransition.v1',
       alert_id::text,
       at,
       convert_to(jsonb_strip_nulls(jsonb_build_object(
           'id', id, 'alertId', alert_id, 'rule', rule, 'subject', subject, 'department', department,
           'fiscalYear', fiscal_year, 'transition', transition, 'status', status, 'severity', severity,
           'message', message,
           'evidence', case when evidence = '' then '[]'::jsonb else to_jsonb(string_to_array(evidence, ',')) end,
           'actor', actor, 'comment', comment,
           'at', to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))::text, 'UTF8')
from alert_transition
where published_at is null
order by id;

drop index alert_transition_unpublished;
alter table alert_transition drop column published_at;
