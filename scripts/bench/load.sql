-- A realistic population for the ledger benchmark: :accounts members (MSISDN 79000000000 + i)
-- with a year of history (one telecom accrual a month: its event, its entry, the lot of the year
-- and the carry-over of its kopecks), plus two accounts for the
-- history scale check: 79999999990 with 10 entries and 79999999991 with 1,000,000. Member i's
-- account id is i and its membership id md5('member-' || i)::uuid, so pgbench scripts and other
-- services' rows can name the same member.
\set ON_ERROR_STOP on
insert into account (id, membership_id, msisdn, status, joined_on, birth_date, balance, opened_at)
select i, md5('member-' || i)::uuid, (79000000000 + i)::text, 'OPEN', date '2022-01-01' + (i % 1400),
       date '1960-01-01' + (i % 16000), 0, now()
from generate_series(1, :accounts) i;
-- the pgbench scripts take member i's account id to be i; the service's accounts come after
-- (\gset: the new value goes to a variable, not to the output)
select setval(pg_get_serial_sequence('account', 'id'), :accounts) as last_member_id \gset

insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, 10 + (a.id % 90), 'ACCRUAL', 'history-' || a.id || '-' || m,
       'Услуги связи', timestamptz '2026-01-15 10:00+03' + (m - 1) * interval '1 month'
from account a, generate_series(1, 11) m;

-- the events behind those entries and what they left over (A7), as the service records them: the
-- tables are not empty when the benchmark starts, and their statistics say so
insert into accrual_event (event_id, msisdn, kind, amount_kopecks, occurred_at, account_id, status,
                           points, netted_points, created_at)
select e.reference, a.msisdn, 'TELECOM', e.points * 500 + a.id % 500, e.created_at, a.id, 'ACCRUED',
       e.points, 0, e.created_at
from ledger_entry e join account a on a.id = e.account_id;

insert into accrual_remainder (account_id, kind, year, kopecks)
select id, 'TELECOM', 2026, id % 500 from account;

update account a set balance = s.total from (
  select account_id, sum(points) total from ledger_entry group by account_id) s
where s.account_id = a.id;

insert into account (membership_id, msisdn, status, joined_on, balance, opened_at)
values (gen_random_uuid(), '79999999990', 'OPEN', date '2025-01-01', 10, now()),
       (gen_random_uuid(), '79999999991', 'OPEN', date '2025-01-01', 1000000, now());

insert into ledger_entry (id, account_id, points, reason, reference, created_at)
select nextval('ledger_entry_seq'), a.id, 1, 'PROMOTION', 'scale-' || g,
       timestamptz '2026-01-01 00:00+03' + g * interval '1 second'
from account a, generate_series(1, case a.msisdn when '79999999990' then 10 else 1000000 end) g
where a.msisdn in ('79999999990', '79999999991');

insert into lot (account_id, expires_at, points, remaining)
select id, timestamptz '2027-01-01 00:00+03', balance, balance from account;

vacuum analyze;
