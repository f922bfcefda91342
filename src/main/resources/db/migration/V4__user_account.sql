-- Users of the service (HTTP Basic, bcrypt password hashes); roles comma-separated.
create table user_account (
    username       varchar(100) not null primary key,
    password_hash  varchar(100) not null,
    roles          varchar(200) not null
);
