-- One size of the scale benchmark in bonus-service's database (psql -v n=N), on empty tables:
--
-- * member 79999999999 with a history of :n entries, as the service leaves them: the current
--   year's 100 accruals (101 when :n is odd), 10 points each, in the lot of the year, and before
--   them pairs of an accrual and a spend of its 10 points, one a minute, whose lots were used up
--   and, ended, deleted by the expiry job. Balance 1,000 (or 1,010).
-- * :n / 10 members (79000000000 + i) with ten accruals each in the past year, in the lot of
--   that year, due to expire at the start of the current year: :n / 10 lots for the expiry job,
--   and :n more entries in the ledger around the measured member's.
--
-- Years are those of the programme's zone, Europe/Moscow.
\set ON_ERROR_STOP on
\set pairs '(greatest(:n - 100, 0) / 2)'
\set live '(:n - 2 * :pairs)'
\set year_start '(date_trunc(''year'', now() at time zone ''Europe/Moscow'') at time zone ''Europe/Moscow'')'

insert into account (membership_id, msisdn, status, joined_on, balance, opened_at)
values (gen_random_uuid(), '79999999999', 'OPEN', date '2015-01-01', 10 * :live, now());

insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, case when g % 2 = 1 then 10 else -10 end,
       case when g % 2 = 1 then 'ACCRUAL' else 'REDEMPTION' end, 'scale-' || g,
       case when g % 2 = 1 then 'Услуги связи' else 'Пакет 30 МБ' end,
       :year_start - (2 * :pairs - g + 1) * interval '1 minute'
from account a, generate_series(1, 2 * :pairs) g
where a.msisdn = '79999999999';

insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, 10, 'ACCRUAL', 'scale-live-' || k, 'Услуги связи',
       :year_start + k * interval '1 hour'
from account a, generate_series(1, :live) k
where a.msisdn = '79999999999';

insert into lot (account_id, expires_at, points, remaining)
select id, :year_start + interval '1 year', balance, balance from account where msisdn = '79999999999';

-- the expiry job's work: :n / 10 members with ten accruals each in the lot that ended with the past year
insert into account (membership_id, msisdn, status, joined_on, birth_date, balance, opened_at)
select gen_random_uuid(), (79000000000 + i)::text, 'OPEN', date '2022-01-01' + (i % 1400),
       date '1960-01-01' + (i % 16000), 0, now()
from generate_series(1, :n / 10) i;

insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, 10 + (a.id % 90), 'ACCRUAL', 'history-' || a.id || '-' || m,
       'Услуги связи', :year_start - interval '1 year' + (m - 1) * interval '1 month'
         + (a.id % 86400) * interval '1 second'
from account a, generate_series(1, 10) m
where a.msisdn <> '79999999999';

insert into lot (account_id, expires_at, points, remaining)
select e.account_id, :year_start, sum(e.points), sum(e.points)
from ledger_entry e join account a on a.id = e.account_id
where a.msisdn <> '79999999999'
group by e.account_id;

update account a set balance = s.total from (
  select account_id, sum(points) total from ledger_entry group by account_id) s
where s.account_id = a.id and a.msisdn <> '79999999999';
