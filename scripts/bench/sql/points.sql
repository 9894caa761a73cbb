-- Gives every open account :points more points (psql -v points=N), as one ledger entry and one
-- lot expiring at the year end, for runs of the scripts that spend points (redemption-bonus,
-- gift-bonus): load.sql's members hold 110 to 1,089 points, two redemptions for the poorest.
-- The new lot expires with the others and has the highest id, so it is spent last.
\set ON_ERROR_STOP on
with entry as (
  insert into ledger_entry (id, account_id, points, reason, reference, description, created_at)
  select nextval('ledger_entry_seq'), a.id, :points, 'PROMOTION', 'bench-points-' || a.id || '-' || txid_current(),
         'Бенчмарк', now()
  from account a where a.status = 'OPEN'
  returning id, account_id, points)
insert into lot (id, account_id, entry_id, points, remaining, expires_at)
select nextval('lot_seq'), account_id, id, points, points, timestamptz '2027-01-01 00:00+03' from entry;
update account set balance = balance + :points where status = 'OPEN';
