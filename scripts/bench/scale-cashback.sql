-- One size of the scale benchmark in cashback-service's database (psql -v n=N), on an empty
-- conversion table: partner scale-shop (RETAIL, 5%, 30 days to confirm) and
--
-- * :n pending conversions whose window ended between 31 days and 1 day ago: the work of the
--   conversion-overdue job;
-- * :n / 10 pending conversions still inside their window (due in 10 to 30 days), which the job
--   must leave alone;
-- * :n approved and credited conversions of earlier months, the table's history.
--
-- Orders are reported by webhook without a click (click_id is optional, as for claims), for
-- members 79000000000 + (i % 100,000).
\set ON_ERROR_STOP on

insert into partner (id, name, category, rate_bp, confirmation_days, attribution_days,
                     redirect_template, status, created_at, updated_at)
values ('scale-shop', 'Масштаб', 'RETAIL', 500, 30, 30, 'https://shop.example/?click={clickId}',
        'ACTIVE', now() - interval '2 years', now() - interval '2 years')
on conflict (id) do nothing;

-- kind 1: overdue, 2: still in the window, 3: history
insert into conversion (id, partner_id, order_id, msisdn, membership_id, amount_kopecks, rate_bp,
                        points, status, source, occurred_at, due_at, created_at, updated_at,
                        decided_at, credited_at)
select gen_random_uuid(), 'scale-shop', 'scale-' || kind || '-' || i,
       (79000000000 + i % 100000)::text, gen_random_uuid(), 100000 + i % 900000, 500,
       (100000 + i % 900000) * 500 / 10000 / 100,
       case kind when 3 then 'APPROVED' else 'PENDING' end, 'WEBHOOK',
       at, at + interval '30 days', at + interval '1 minute',
       case kind when 3 then at + interval '10 days' else at + interval '1 minute' end,
       case kind when 3 then at + interval '10 days' end,
       case kind when 3 then at + interval '10 days 1 minute' end
from (
  select kind, i,
         case kind
           when 1 then now() - interval '31 days' - (i % 2592000) * interval '1 second'
           when 2 then now() - interval '20 days' + (i % 1728000) * interval '1 second'
           else now() - interval '400 days' + (i % 31536000) * interval '1 second'
         end as at
  from (values (1), (2), (3)) k (kind),
       lateral generate_series(1, case kind when 2 then :n / 10 else :n end) i
) c;
