-- catalog-service: rewards (K1-K4), certificate code pools (K5) and redemptions, the saga that
-- holds points in bonus-service, fulfils the reward and captures the hold. Instants are UTC.

create table reward (
    code               varchar(6)   primary key
        -- K3: ordered as *111*455*CODE# or by SMS; 0 and 1 are the balance and join commands
        check (code ~ '^[1-9][0-9]{1,5}$'),
    title              varchar(60)  not null,
    description        varchar(500) not null,
    category           varchar(30)  not null check (category in ('COMMUNICATION', 'SERVICE_OPTION',
        'PARTNER_CERTIFICATE', 'DIGITAL_SUBSCRIPTION', 'ROAMING', 'BANK_SERVICE')),
    points             bigint       not null check (points > 0),
    kind               varchar(20)  not null
        check (kind in ('OPTION', 'PACKAGE', 'CERTIFICATE', 'SUBSCRIPTION')),
    -- the product the provisioning gateway activates; certificates come from the pool instead
    product            varchar(64),
    -- OPTION: how long it works; PACKAGE: how long it is valid; SUBSCRIPTION: the free period;
    -- CERTIFICATE: how long the code is valid
    days               integer      check (days between 1 and 3660),
    quantity           integer      check (quantity > 0),
    unit               varchar(10)  check (unit in ('MINUTES', 'SMS', 'MMS', 'MB')),
    value_kopecks      bigint       check (value_kopecks > 0),
    -- K4: what the subscription costs a month once the free period is over
    paid_price_kopecks bigint       check (paid_price_kopecks > 0),
    -- seasonal rewards: orderable on these programme dates (inclusive)
    available_from     date,
    available_until    date,
    retired_at         timestamptz,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    version            bigint       not null default 0,
    check (kind = 'CERTIFICATE' or product is not null),
    check (kind <> 'CERTIFICATE' or product is null),
    check ((kind = 'PACKAGE') = (quantity is not null and unit is not null)),
    check ((kind = 'SUBSCRIPTION') = (paid_price_kopecks is not null)),
    check (kind not in ('OPTION', 'SUBSCRIPTION', 'CERTIFICATE') or days is not null),
    check (available_until is null or available_from is null or available_until >= available_from)
);
create index reward_category on reward (category, points) where retired_at is null;

-- K5: certificate codes, encrypted (AES-GCM) so that only their owner ever sees them; the
-- digest (an HMAC of the code) finds duplicates without storing the code in clear
create table certificate_code (
    id            bigserial    primary key,
    reward_code   varchar(6)   not null references reward (code),
    code_digest   varchar(64)  not null,
    code_cipher   bytea        not null,
    uploaded_at   timestamptz  not null,
    redemption_id uuid         unique,
    assigned_at   timestamptz,
    unique (reward_code, code_digest)
);
-- the free codes, taken in upload order
create index certificate_code_free on certificate_code (reward_code, id) where redemption_id is null;

create table redemption (
    id                 uuid         primary key,
    -- the idempotency key, scoped to the caller (a member, or the service that ordered for one)
    caller             varchar(100) not null,
    idem_key           varchar(255) not null,
    request_hash       varchar(64)  not null,
    msisdn             varchar(11)  not null,
    channel            varchar(10)  not null check (channel in ('API', 'USSD', 'SMS')),
    -- what was ordered, as it was at the time of the order
    reward_code        varchar(6)   not null references reward (code),
    reward_title       varchar(60)  not null,
    kind               varchar(20)  not null,
    product            varchar(64),
    days               integer,
    quantity           integer,
    unit               varchar(10),
    points             bigint       not null check (points > 0),
    paid_price_kopecks bigint,
    -- the saga: PENDING (hold asked) -> HELD -> FULFILLED -> COMPLETED, or -> COMPENSATING
    -- (hold to be voided) -> FAILED; UNPAID: fulfilled but the hold could no longer be captured
    step               varchar(20)  not null check (step in ('PENDING', 'HELD', 'FULFILLED',
        'COMPLETED', 'COMPENSATING', 'FAILED', 'UNPAID', 'REFUNDED')),
    hold_id            uuid,
    hold_expires_at    timestamptz,
    activation_id      varchar(100),
    failure_code       varchar(60),
    failure_detail     varchar(500),
    created_at         timestamptz  not null,
    -- the last step's time; the recovery job takes over redemptions that stopped moving
    updated_at         timestamptz  not null,
    completed_at       timestamptz,
    refunded_at        timestamptz,
    refunded_by        varchar(100),
    refund_reason      varchar(500),
    unique (caller, idem_key)
);
create index redemption_msisdn on redemption (msisdn, created_at desc);
create index redemption_unfinished on redemption (updated_at)
    where step in ('PENDING', 'HELD', 'FULFILLED', 'COMPENSATING');

-- K2, K3: the initial catalogue. Codes 11, 12, 32 and 33 are the programme's own.
insert into reward (code, title, description, category, points, kind, product, days, quantity,
                    unit, value_kopecks, paid_price_kopecks, created_at, updated_at)
values
    ('11', '30 минут внутри сети', '30 минут на звонки абонентам оператора по России на 30 дней.',
     'COMMUNICATION', 210, 'PACKAGE', 'pkg-onnet-min', 30, 30, 'MINUTES', null, null, now(), now()),
    ('12', '60 минут внутри сети', '60 минут на звонки абонентам оператора по России на 30 дней.',
     'COMMUNICATION', 400, 'PACKAGE', 'pkg-onnet-min', 30, 60, 'MINUTES', null, null, now(), now()),
    ('21', '10 MMS', '10 MMS на любые номера России на 30 дней.',
     'COMMUNICATION', 60, 'PACKAGE', 'pkg-mms', 30, 10, 'MMS', null, null, now(), now()),
    ('22', '100 SMS', '100 SMS на любые номера России на 30 дней.',
     'COMMUNICATION', 270, 'PACKAGE', 'pkg-sms', 30, 100, 'SMS', null, null, now(), now()),
    ('32', '30 МБ интернета', '30 МБ мобильного интернета на 30 дней.',
     'COMMUNICATION', 50, 'PACKAGE', 'pkg-data', 30, 30, 'MB', null, null, now(), now()),
    ('33', '60 МБ интернета', '60 МБ мобильного интернета на 30 дней.',
     'COMMUNICATION', 90, 'PACKAGE', 'pkg-data', 30, 60, 'MB', null, null, now(), now()),
    ('34', '100 МБ интернета', '100 МБ мобильного интернета на 30 дней.',
     'COMMUNICATION', 150, 'PACKAGE', 'pkg-data', 30, 100, 'MB', null, null, now(), now()),
    ('35', '500 МБ интернета', '500 МБ мобильного интернета на 30 дней.',
     'COMMUNICATION', 470, 'PACKAGE', 'pkg-data', 30, 500, 'MB', null, null, now(), now()),
    ('36', '2 ГБ интернета', '2048 МБ мобильного интернета на 30 дней.',
     'COMMUNICATION', 1500, 'PACKAGE', 'pkg-data', 30, 2048, 'MB', null, null, now(), now()),
    ('41', 'Запрет определения номера', 'Ваш номер не видят те, кому вы звоните. 30 дней.',
     'SERVICE_OPTION', 80, 'OPTION', 'opt-clir', 30, null, null, null, null, now(), now()),
    ('42', 'Голосовая почта на 90 дней', 'Пропущенные звонки оставляют голосовые сообщения. 90 дней.',
     'SERVICE_OPTION', 250, 'OPTION', 'opt-voicemail', 90, null, null, null, null, now(), now()),
    ('43', 'Соцсети без трафика на 14 дней', 'Трафик в социальных сетях не расходует пакет. 14 дней.',
     'SERVICE_OPTION', 220, 'OPTION', 'opt-social', 14, null, null, null, null, now(), now()),
    ('44', 'Безлимитный интернет в регионе', 'Безлимитный мобильный интернет в домашнем регионе на 30 дней.',
     'SERVICE_OPTION', 590, 'OPTION', 'opt-unlim-region', 30, null, null, null, null, now(), now()),
    ('45', 'Гудок на 14 дней',
     'Мелодия вместо гудков: 14 дней бесплатно, затем подписка 98 руб. в месяц, её можно отключить.',
     'SERVICE_OPTION', 100, 'SUBSCRIPTION', 'sub-ringback', 14, null, null, null, 9800, now(), now()),
    ('51', 'Роуминговый тариф на 30 дней', 'Тариф для поездок за границу на 30 дней.',
     'ROAMING', 500, 'OPTION', 'opt-roaming', 30, null, null, null, null, now(), now()),
    ('52', 'Домашние цены везде, 1 месяц', 'Звонки и интернет в поездках по России по домашним ценам, 30 дней.',
     'ROAMING', 500, 'OPTION', 'opt-home-rates', 30, null, null, null, null, now(), now()),
    ('53', 'Домашние цены везде, 3 месяца', 'Звонки и интернет в поездках по России по домашним ценам, 90 дней.',
     'ROAMING', 1200, 'OPTION', 'opt-home-rates', 90, null, null, null, null, now(), now()),
    ('61', 'Годовое обслуживание карты', 'Оплата годового обслуживания банковской карты оператора.',
     'BANK_SERVICE', 5500, 'OPTION', 'bank-card-fee', 365, null, null, null, null, now(), now()),
    ('62', 'SMS-уведомления по карте', 'SMS об операциях по банковской карте оператора на 365 дней.',
     'BANK_SERVICE', 550, 'OPTION', 'bank-card-sms', 365, null, null, null, null, now(), now()),
    ('71', 'Скидка 10% на мюзикл', 'Промокод на скидку 10% на билеты на мюзикл. Действует 90 дней.',
     'PARTNER_CERTIFICATE', 150, 'CERTIFICATE', null, 90, null, null, null, null, now(), now()),
    ('72', '500 руб. на косметику', 'Сертификат на 500 руб. в магазинах косметики. Действует 90 дней.',
     'PARTNER_CERTIFICATE', 250, 'CERTIFICATE', null, 90, null, null, 50000, null, now(), now()),
    ('73', '1500 руб. на косметику', 'Сертификат на 1500 руб. в магазинах косметики. Действует 90 дней.',
     'PARTNER_CERTIFICATE', 750, 'CERTIFICATE', null, 90, null, null, 150000, null, now(), now()),
    ('74', '2000 руб. на электронику', 'Сертификат на 2000 руб. в магазине электроники. Действует 3 месяца.',
     'PARTNER_CERTIFICATE', 2000, 'CERTIFICATE', null, 90, null, null, 200000, null, now(), now()),
    ('75', '5000 руб. на электронику', 'Сертификат на 5000 руб. в магазине электроники. Действует 3 месяца.',
     'PARTNER_CERTIFICATE', 5000, 'CERTIFICATE', null, 90, null, null, 500000, null, now(), now()),
    ('81', 'Онлайн-кинотеатр на 7 дней', 'Доступ к онлайн-кинотеатру на 7 дней, без продления.',
     'DIGITAL_SUBSCRIPTION', 75, 'OPTION', 'sub-cinema-trial', 7, null, null, null, null, now(), now()),
    ('82', 'Музыка на 14 дней',
     'Музыкальный сервис: 14 дней бесплатно, затем подписка 169 руб. в месяц, её можно отключить.',
     'DIGITAL_SUBSCRIPTION', 150, 'SUBSCRIPTION', 'sub-music', 14, null, null, null, 16900, now(), now());
