-- Tamper evidence: every decision is a link in a hash chain, and the head of each chain is
-- kept apart so that deleting the newest records shows too. Person ids are searchable
-- through a keyed hash (HMAC), never stored raw.

alter table decision_record add column person_id_hash varchar(64);
alter table decision_record add column chain_id varchar(64);
alter table decision_record add column chain_seq bigint;
alter table decision_record add column previous_hash varchar(64);
alter table decision_record add column record_hash varchar(64);

create unique index decision_record_chain on decision_record (chain_id, chain_seq);
create index decision_record_person on decision_record (person_id_hash, evaluated_at);
create index decision_record_insured_region on decision_record (insured_region, evaluated_at);
create index decision_record_treatment_region on decision_record (treatment_region, evaluated_at);
create index decision_record_ruleset on decision_record (ruleset_version, evaluated_at);

create table audit_chain (
    chain_id          varchar(64) not null primary key,
    last_seq          bigint      not null,
    last_hash         varchar(64) not null,
    last_decision_id  varchar(36)
);
