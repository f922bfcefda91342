-- Idempotency keys of the decision endpoints (API.md "Idempotent decisions"). A key belongs to
-- the user who sent it and names the decision recorded for it. The row is written in the
-- transaction that records that decision, so key and decision commit together or not at all, and
-- the primary key lets only one decision have a key, whether the rival is on this instance or
-- another on the same database. request_hash is keyed (HMAC, as person_id_hash): the request
-- holds a raw person id. Rows older than decisions.idempotency.retention are purged by created_at.

create table idempotency_key (
    owner_name       varchar(255)             not null,
    idempotency_key  varchar(100)             not null,
    request_hash     varchar(64)              not null,
    decision_id      varchar(36)              not null references decision_record (id),
    created_at       timestamp with time zone not null,
    primary key (owner_name, idempotency_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
