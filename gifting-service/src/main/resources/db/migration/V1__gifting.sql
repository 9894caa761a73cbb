-- gifting-service: gifts of points between members (rules G1-G5). Instants are UTC.

-- one row per sender, locked while a gift of theirs is confirmed, so that the check of the
-- limits and the booking of the allowance happen together (G2-G4)
create table gift_sender (
    msisdn varchar(11) primary key
);

create table gift (
    id               uuid         primary key,
    sender_msisdn    varchar(11)  not null,
    recipient_msisdn varchar(11)  not null check (recipient_msisdn <> sender_msisdn),
    points           bigint       not null check (points > 0),
    -- AWAITING_CONFIRMATION -> CONFIRMED (allowance booked, transfer asked) -> COMPLETED, or
    -- FAILED (transfer or limits refused), EXPIRED (code not used in time), VOIDED (5 wrong codes)
    status           varchar(30)  not null check (status in ('AWAITING_CONFIRMATION', 'CONFIRMED',
        'COMPLETED', 'FAILED', 'EXPIRED', 'VOIDED')),
    -- the confirmation code: only its SHA-256 (with the gift id) is kept
    code_hash        varchar(64)  not null,
    code_expires_at  timestamptz  not null,
    wrong_codes      integer      not null default 0,
    -- the programme date the gift was confirmed on: the day and month whose limits it uses
    booked_on        date,
    failure_code     varchar(60),
    failure_detail   varchar(500),
    created_at       timestamptz  not null,
    confirmed_at     timestamptz,
    completed_at     timestamptz,
    updated_at       timestamptz  not null
);
-- the gifts that use a sender's allowance, by day
create index gift_booked on gift (sender_msisdn, booked_on) where status in ('CONFIRMED', 'COMPLETED');
create index gift_sent on gift (sender_msisdn, created_at desc);
create index gift_received on gift (recipient_msisdn, created_at desc) where status = 'COMPLETED';
create index gift_awaiting on gift (code_expires_at) where status = 'AWAITING_CONFIRMATION';
create index gift_transferring on gift (updated_at) where status = 'CONFIRMED';
