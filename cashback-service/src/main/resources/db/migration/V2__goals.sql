-- C7: the default goal "pay for communication services": the month's bill paid from points first,
-- once per member and month.
create table bill_payment (
    msisdn         varchar(11)  not null,
    month          char(7)      not null check (month ~ '^[0-9]{4}-[0-9]{2}$'),
    membership_id  uuid         not null,
    -- PENDING until paid (PAID), found with nothing to pay (NOTHING_DUE) or no open account
    -- (NO_ACCOUNT); a PENDING row whose attempt is older than the retry period is tried again
    status         varchar(12)  not null check (status in ('PENDING', 'PAID', 'NOTHING_DUE', 'NO_ACCOUNT')),
    bill_kopecks   bigint       check (bill_kopecks >= 0),
    paid_points    bigint       check (paid_points >= 0),
    attempts       integer      not null default 0,
    attempt_at     timestamptz,
    last_error     varchar(500),
    created_at     timestamptz  not null,
    decided_at     timestamptz,
    primary key (msisdn, month)
);
create index bill_payment_pending on bill_payment (month) where status = 'PENDING';

-- C7: goals members set themselves; they are told once when their balance reaches one
create table savings_goal (
    id             uuid          primary key,
    msisdn         varchar(11)   not null,
    name           varchar(100)  not null,
    target_points  bigint        not null check (target_points > 0),
    created_at     timestamptz   not null,
    reached_at     timestamptz
);
create index savings_goal_msisdn on savings_goal (msisdn, created_at);
create index savings_goal_unreached on savings_goal (msisdn) where reached_at is null;
