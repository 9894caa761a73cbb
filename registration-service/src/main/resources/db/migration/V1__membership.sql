-- registration-service: memberships and their history, referrals, login codes, e-mail
-- confirmations and pending channel leave requests. Instants are UTC (timestamptz).

create table membership (
    id                 uuid primary key,
    msisdn             varchar(11)  not null,
    status             varchar(20)  not null
        check (status in ('PENDING_REVIEW', 'ACTIVE', 'REJECTED', 'LEFT')),
    channel            varchar(10)  not null check (channel in ('WEB', 'USSD', 'SMS')),
    name               varchar(100),
    birth_date         date,
    email              varchar(254),
    email_confirmed_at timestamptz,
    -- rule R3: the e-mail points are credited once per membership
    email_points_credited boolean not null default false,
    referrer_msisdn    varchar(11),
    applied_at         timestamptz  not null,
    activated_at       timestamptz,
    rejected_at        timestamptz,
    rejection_reason   varchar(500),
    left_at            timestamptz,
    version            bigint       not null default 0
);
-- one active or pending membership per number at a time; the others are history
create unique index membership_current on membership (msisdn)
    where status in ('PENDING_REVIEW', 'ACTIVE');
create index membership_msisdn on membership (msisdn, applied_at desc);
create index membership_pending on membership (applied_at) where status = 'PENDING_REVIEW';

-- who did what to a membership, when and why (applied, approved, rejected, left, ...)
create table membership_event (
    id            bigint generated always as identity primary key,
    membership_id uuid         not null references membership (id),
    at            timestamptz  not null,
    type          varchar(30)  not null,
    actor         varchar(100) not null,
    channel       varchar(20),
    detail        varchar(500)
);
create index membership_event_membership on membership_event (membership_id, id);

-- rule R6: an invited friend earns the inviter points once, ever
create table referral (
    friend_msisdn  varchar(11) primary key,
    inviter_msisdn varchar(11) not null,
    membership_id  uuid        not null references membership (id),
    credited_at    timestamptz not null
);

-- SMS login codes; only a hash of the code is kept
create table otp_code (
    id             bigint generated always as identity primary key,
    msisdn         varchar(11) not null,
    code_hash      varchar(64) not null,
    client_address varchar(64) not null,
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    failed_tries   int         not null default 0,
    status         varchar(10) not null check (status in ('ACTIVE', 'USED', 'VOID'))
);
create index otp_code_msisdn on otp_code (msisdn, created_at desc);
create index otp_code_client on otp_code (client_address, created_at desc);

-- rule R3: single-use e-mail confirmation links; only a hash of the token is kept
create table email_confirmation (
    token_hash    varchar(64) primary key,
    membership_id uuid         not null references membership (id),
    email         varchar(254) not null,
    created_at    timestamptz  not null,
    expires_at    timestamptz  not null,
    used_at       timestamptz
);
create index email_confirmation_created on email_confirmation (created_at);

-- rule R9: a channel request to leave with a positive balance waits for a second "0"
create table leave_request (
    msisdn        varchar(11) primary key,
    membership_id uuid        not null references membership (id),
    points        bigint      not null,
    requested_at  timestamptz not null
);
