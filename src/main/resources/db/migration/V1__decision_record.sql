-- The audit trail: every decision with its input, output, reasons, fired rules and ruleset.
-- Portable between H2 (the embedded default) and PostgreSQL.

create table ruleset (
    version          varchar(80)              not null primary key,
    first_loaded_at  timestamp with time zone not null,
    last_loaded_at   timestamp with time zone not null
);

create table ruleset_file (
    version  varchar(80)  not null references ruleset (version),
    path     varchar(255) not null,
    content  text         not null,
    primary key (version, path)
);

create table decision_record (
    id                varchar(36)              not null primary key,
    decision_type     varchar(16)              not null,
    claim_id          varchar(100),
    outcome           varchar(16)              not null,
    person_id_masked  varchar(64),
    insured_region    varchar(6),
    treatment_region  varchar(6),
    ruleset_version   varchar(80)              not null references ruleset (version),
    evaluated_at      timestamp with time zone not null,
    duration_micros   bigint                   not null,
    request_json      text                     not null,
    response_json     text                     not null
);
create index decision_record_evaluated_at on decision_record (evaluated_at);
create index decision_record_type_outcome on decision_record (decision_type, outcome, evaluated_at);
create index decision_record_claim_id on decision_record (claim_id);

create table decision_reason (
    decision_id  varchar(36) not null references decision_record (id),
    code         varchar(64) not null,
    primary key (decision_id, code)
);
create index decision_reason_code on decision_reason (code, decision_id);

-- One row per DRL rule that fired and per DMN table row that was selected, in order.
-- rule_key is what the audit query's rule= filter matches: the DRL rule name, or model/decision/row.
create table decision_rule (
    decision_id   varchar(36)  not null references decision_record (id),
    position      integer      not null,
    engine        varchar(8)   not null,
    rule_key      varchar(400) not null,
    rule_file     varchar(255),
    dmn_model     varchar(200),
    dmn_decision  varchar(200),
    dmn_row       integer,
    primary key (decision_id, position)
);
create index decision_rule_key on decision_rule (rule_key, decision_id);
