-- Lots: one per account and expiry instant instead of one per credit (B3). Points of an account
-- that expire at the same instant are interchangeable: they are spent soonest-expiring first, and
-- within one instant any order spends the same. So a credit adds its points to the account's lot
-- of the year, an update in place, rather than inserting a row with three index entries and two
-- foreign-key checks. No index covers points or remaining (the old partial indexes did, through
-- "where remaining > 0"), so these updates are heap-only: they write no index entry at all, and
-- the fill factor leaves room on each page for the new row versions.
create table lot_per_expiry (
    account_id bigint      not null,
    expires_at timestamptz not null,
    points     bigint      not null,
    remaining  bigint      not null,
    constraint lot_per_expiry_pkey primary key (account_id, expires_at),
    constraint lot_per_expiry_account_id_fkey foreign key (account_id) references account (id),
    constraint lot_per_expiry_points_check check (points > 0),
    constraint lot_per_expiry_remaining_check check (remaining >= 0 and remaining <= points)
) with (fillfactor = 80);

insert into lot_per_expiry (account_id, expires_at, points, remaining)
select account_id, expires_at, sum(points), sum(remaining)
from lot
group by account_id, expires_at;

drop table lot;
drop sequence lot_seq;
alter table lot_per_expiry rename to lot;
alter table lot rename constraint lot_per_expiry_pkey to lot_pkey;
alter table lot rename constraint lot_per_expiry_account_id_fkey to lot_account_id_fkey;
alter table lot rename constraint lot_per_expiry_points_check to lot_points_check;
alter table lot rename constraint lot_per_expiry_remaining_check to remaining_within_points;

-- No query looks accrual events up by account: the index only cost every accrual an entry at a
-- random page.
drop index accrual_event_account;
