-- The audit trail at a year's volume (issue 17, README "Performance"): keyset paging, stats, compact records.

-- Lists page newest first by (evaluated_at, id), never by OFFSET; each index a filter walks ends in
-- those two columns, so that the first page of any filter is read from one index in order.
drop index decision_record_evaluated_at;
create index decision_record_time on decision_record (evaluated_at, id);
drop index decision_record_person;
create index decision_record_person on decision_record (person_id_hash, evaluated_at, id);
drop index decision_record_insured_region;
create index decision_record_insured_region on decision_record (insured_region, evaluated_at, id);
drop index decision_record_treatment_region;
create index decision_record_treatment_region on decision_record (treatment_region, evaluated_at, id);
-- Reasons, rules and an old ruleset version are found as a few traces, each read from here in time order.
drop index decision_record_trace;
create index decision_record_trace on decision_record (trace_id, evaluated_at, id);

-- The payable of a claim (null for a filing), for stats and export; the response JSON keeps it too.
alter table decision_record add column payable numeric(14, 2);

-- Request and response JSON, deflated (audit.DeflatedJson): about a fifth of the text. Records written
-- before V9 keep their text in request_json and response_json, which new records leave null; the
-- record hash covers the JSON text either way.
alter table decision_record add column request_deflated bytea;
alter table decision_record add column response_deflated bytea;
alter table decision_record alter column request_json drop not null;
alter table decision_record alter column response_json drop not null;

-- Decisions and payable per day (in audit.time-zone), type and one dimension's key, summed by the audit
-- writer in the transaction of each batch; a row per chain, so that only the writer holding that chain's
-- head ever changes it. GET /api/v1/decisions/stats sums it; the search reads it to pick its index.
create table decision_stat (
    dimension      varchar(16)    not null,
    stat_day       date           not null,
    decision_type  varchar(16)    not null,
    stat_key       varchar(80)    not null,
    chain_id       varchar(64)    not null,
    decisions      bigint         not null,
    payable        numeric(18, 2) not null,
    primary key (dimension, stat_day, decision_type, stat_key, chain_id)
);
