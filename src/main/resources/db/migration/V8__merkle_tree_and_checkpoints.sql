-- Each chain of the audit trail is also a Merkle tree (RFC 9162 §2.1; README "Tamper evidence"): the leaf of
-- link n is leaf n-1, and its bytes are exactly those that the link's record_hash covers.
-- merkle_node holds every complete subtree (node_level 0: the leaf hashes), written in the transaction that
-- appends the links; a subtree never changes once complete, so an inclusion or consistency proof is
-- O(log n) reads of the primary key. Records from before this migration are added at start, in chain order.
create table merkle_node (
    chain_id    varchar(64) not null,
    node_level  integer     not null,
    node_index  bigint      not null,
    hash        bytea       not null,
    primary key (chain_id, node_level, node_index)
);

-- Signed checkpoints (C2SP tlog-checkpoint, Ed25519): the tree size and root of a chain, signed with a key
-- that is not in the database. Each is also appended to a file outside the database and may go to witnesses.
create table audit_checkpoint (
    chain_id   varchar(64)              not null,
    tree_size  bigint                   not null,
    note       varchar(2000)            not null,
    signed_at  timestamp with time zone not null,
    primary key (chain_id, tree_size)
);
