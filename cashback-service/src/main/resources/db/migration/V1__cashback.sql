-- cashback-service: partners, clicks, conversions reported by partners, claims (rules C1-C5).
-- Instants are UTC; rates are basis points (1% = 100); money is kopecks; points are whole points.

create table partner (
    id                 varchar(40)  primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
    name               varchar(100) not null,
    -- C1: one of the seven categories, each with its maximum rate (enforced by the service)
    category           varchar(30)  not null,
    rate_bp            integer      not null check (rate_bp > 0 and rate_bp <= 10000),
    -- C4: days the partner has to confirm or decline a purchase, at most 75
    confirmation_days  integer      not null check (confirmation_days between 1 and 75),
    -- C3: how long after a click a purchase is still the click's
    attribution_days   integer      not null check (attribution_days between 1 and 90),
    redirect_template  varchar(500) not null check (redirect_template like '%{clickId}%'),
    status             varchar(10)  not null check (status in ('ACTIVE', 'PAUSED')),
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);

-- Standard Webhooks secrets; a rotated-out secret stays valid until expires_at
create table partner_secret (
    id          uuid         primary key,
    partner_id  varchar(40)  not null references partner (id),
    secret      varchar(100) not null,
    created_at  timestamptz  not null,
    expires_at  timestamptz
);
create index partner_secret_partner on partner_secret (partner_id);

-- C2: temporarily increased rates
create table rate_boost (
    id          uuid         primary key,
    partner_id  varchar(40)  not null references partner (id),
    rate_bp     integer      not null check (rate_bp > 0 and rate_bp <= 10000),
    starts_at   timestamptz  not null,
    ends_at     timestamptz  not null check (ends_at > starts_at),
    created_at  timestamptz  not null
);
create index rate_boost_partner on rate_boost (partner_id, ends_at);

-- C3: a member's way to the partner, with the rate in force at that moment
create table click (
    id             uuid         primary key,
    partner_id     varchar(40)  not null references partner (id),
    msisdn         varchar(11)  not null,
    membership_id  uuid         not null,
    source         varchar(10)  not null check (source in ('APP', 'WEB')),
    rate_bp        integer      not null,
    created_at     timestamptz  not null
);
create index click_partner_created on click (partner_id, created_at);

-- C4: a purchase reported by the partner (or granted by support on a claim), one per partner order
create table conversion (
    id              uuid          primary key,
    partner_id      varchar(40)   not null references partner (id),
    order_id        varchar(100)  not null,
    click_id        uuid          references click (id),
    msisdn          varchar(11)   not null,
    membership_id   uuid,
    amount_kopecks  bigint        not null check (amount_kopecks >= 0),
    rate_bp         integer       not null,
    points          bigint        not null check (points >= 0),
    -- PENDING -> APPROVED | DECLINED; PENDING -> OVERDUE (window passed) -> APPROVED | DECLINED
    status          varchar(10)   not null check (status in ('PENDING', 'OVERDUE', 'APPROVED', 'DECLINED')),
    source          varchar(10)   not null check (source in ('WEBHOOK', 'CLAIM')),
    occurred_at     timestamptz   not null,
    due_at          timestamptz   not null,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    decided_at      timestamptz,
    -- set once bonus-service has acknowledged the credit (and the member's SMS is queued)
    credited_at     timestamptz,
    unique (partner_id, order_id)
);
create index conversion_msisdn on conversion (msisdn, created_at desc);
create index conversion_due on conversion (due_at) where status = 'PENDING';
create index conversion_uncredited on conversion (decided_at) where status = 'APPROVED' and credited_at is null;

-- webhook-id of every accepted delivery: a redelivery is a no-op
create table webhook_delivery (
    partner_id     varchar(40)  not null references partner (id),
    webhook_id     varchar(100) not null,
    -- set in the same transaction that applies the delivery
    conversion_id  uuid         references conversion (id),
    received_at    timestamptz  not null,
    primary key (partner_id, webhook_id)
);

-- C3: reports whose purchase could not be attributed, kept for the partner's report
create table attribution_failure (
    id           uuid          primary key,
    partner_id   varchar(40)   not null references partner (id),
    webhook_id   varchar(100)  not null,
    click_id     varchar(100),
    order_id     varchar(100),
    rule         varchar(40)   not null,
    received_at  timestamptz   not null
);
create index attribution_failure_partner on attribution_failure (partner_id, received_at desc);

-- C5: "cashback not received"
create table claim (
    id              uuid          primary key,
    msisdn          varchar(11)   not null,
    membership_id   uuid          not null,
    partner_id      varchar(40)   not null references partner (id),
    order_id        varchar(100)  not null,
    purchased_on    date          not null,
    amount_kopecks  bigint        not null check (amount_kopecks > 0),
    click_id        uuid,
    status          varchar(10)   not null check (status in ('OPEN', 'APPROVED', 'REJECTED')),
    conversion_id   uuid          references conversion (id),
    reason          varchar(500),
    decided_by      varchar(100),
    created_at      timestamptz   not null,
    decided_at      timestamptz
);
create unique index claim_open_order on claim (partner_id, order_id) where status = 'OPEN';
create index claim_msisdn on claim (msisdn, created_at desc);
create index claim_status on claim (status, created_at);
