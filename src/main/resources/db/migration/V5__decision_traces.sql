-- Decisions that took the same path through the rules share one trace: the same type, outcome,
-- ruleset version, reason codes, and DRL rules fired and DMN rows selected in the same order.
-- A trace is written once, named by the SHA-256 of that content, and a decision names its trace.
-- A decision's own record is then one row with a few index entries instead of a dozen rows
-- (one per reason and per fired rule), each with its own: the audit trail keeps up with
-- thousands of decisions a second (README "Performance").

create table decision_trace (
    trace_id         varchar(64) not null primary key,
    decision_type    varchar(16) not null,
    outcome          varchar(16) not null,
    ruleset_version  varchar(80) not null references ruleset (version)
);

create table decision_trace_reason (
    trace_id  varchar(64) not null references decision_trace (trace_id),
    code      varchar(64) not null,
    primary key (trace_id, code)
);
create index decision_trace_reason_code on decision_trace_reason (code, trace_id);

-- rule_key is what the audit query's rule= filter matches: the DRL rule name, or model/decision/row.
create table decision_trace_rule (
    trace_id      varchar(64)  not null references decision_trace (trace_id),
    position      integer      not null,
    engine        varchar(8)   not null,
    rule_key      varchar(400) not null,
    rule_file     varchar(255),
    dmn_model     varchar(200),
    dmn_decision  varchar(200),
    dmn_row       integer,
    primary key (trace_id, position)
);
create index decision_trace_rule_key on decision_trace_rule (rule_key, trace_id);

-- A decision recorded before traces keeps its reasons and fired rules as a trace of its own,
-- named legacy-<decision id>; its record hash covers the same rows as before.
insert into decision_trace (trace_id, decision_type, outcome, ruleset_version)
    select 'legacy-' || id, decision_type, outcome, ruleset_version from decision_record;
insert into decision_trace_reason (trace_id, code)
    select 'legacy-' || decision_id, code from decision_reason;
insert into decision_trace_rule (trace_id, position, engine, rule_key, rule_file, dmn_model, dmn_decision, dmn_row)
    select 'legacy-' || decision_id, position, engine, rule_key, rule_file, dmn_model, dmn_decision, dmn_row from decision_rule;

alter table decision_record add column trace_id varchar(64);
update decision_record set trace_id = 'legacy-' || id;
alter table decision_record alter column trace_id set not null;
alter table decision_record add constraint decision_record_trace_fk foreign key (trace_id) references decision_trace (trace_id);
create index decision_record_trace on decision_record (trace_id, evaluated_at);

drop table decision_reason;
drop table decision_rule;
-- Type, outcome and ruleset version are filtered through the trace (or the time index) now.
drop index decision_record_type_outcome;
drop index decision_record_ruleset;
