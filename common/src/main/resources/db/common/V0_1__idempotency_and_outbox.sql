-- Shared by every service (kopilka-common): idempotency records and the transactional outbox.

create table idempotency_record (
    scope           varchar(300) not null,
    idem_key        varchar(255) not null,
    request_hash    char(64)     not null,
    response_status int          not null,
    response_body   text         not null,
    created_at      timestamptz  not null,
    primary key (scope, idem_key)
);
create index idempotency_record_created_at on idempotency_record (created_at);

create table outbox_message (
    id              uuid primary key,
    destination     varchar(64)   not null,
    path            varchar(500)  not null,
    payload         text          not null,
    status          varchar(16)   not null check (status in ('PENDING', 'DELIVERED', 'PARKED')),
    attempts        int           not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_at      timestamptz   not null,
    delivered_at    timestamptz
);
create index outbox_message_due on outbox_message (next_attempt_at) where status = 'PENDING';
create index outbox_message_status on outbox_message (status, created_at);
