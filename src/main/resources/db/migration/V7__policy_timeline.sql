-- Policy in time (POLICY.md §8): every activation says from which date its version is in force;
-- a scheduled one can be withdrawn (never deleted), and every decision records the date whose
-- policy decided it and the timeline entry (activation) that did.

alter table ruleset_activation add column effective_from date;
-- Before the timeline, each activation replaced the live version for every date: as entries of one
-- date (the timeline's start), the latest of them is the one in force, as it was.
update ruleset_activation set effective_from = date '2000-01-01';
alter table ruleset_activation alter column effective_from set not null;
alter table ruleset_activation add column note varchar(500);
alter table ruleset_activation add column withdrawn_at timestamp with time zone;
alter table ruleset_activation add column withdrawn_by varchar(100);
create index ruleset_activation_effective_from on ruleset_activation (effective_from, id);

alter table decision_record add column policy_date date;
alter table decision_record add column timeline_entry bigint;
create index decision_record_policy_date on decision_record (policy_date, evaluated_at);
