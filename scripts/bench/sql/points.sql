-- Gives every open account :points more points (psql -v points=N), as one ledger entry added to
-- the lot expiring at the year end, for runs of the scripts that spend points (redemption-bonus,
-- gift-bonus): load.sql's members hold 110 to 1,089 points, two redemptions for the poorest.
\set ON_ERROR_STOP on
insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
select nextval('ledger_entry_seq'), a.id, :points, 'PROMOTION', 'bench-points-' || a.id || '-' || txid_current(),
       'Бенчмарк', now()
from account a where a.status = 'OPEN';
insert into lot (account_id, expires_at, points, remaining)
select id, timestamptz '2027-01-01 00:00+03', :points, :points from account where status = 'OPEN'
on conflict (account_id, expires_at) do update
set points = lot.points + excluded.points, remaining = lot.remaining + excluded.remaining;
update account set balance = balance + :points where status = 'OPEN';
