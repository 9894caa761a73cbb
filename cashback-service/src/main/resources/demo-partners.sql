-- Invented partners for local runs only (kopilka.cashback.demo-partners=true in the local and dev
-- profiles; DemoPartners runs this at every start, so it only adds what is missing): two in
-- each of the seven categories (C1), one with an increased rate (C2) and one paused. Every demo
-- partner signs its webhooks with the same, public, local-only secret (docs/partner-webhooks.md).

insert into partner (id, name, category, rate_bp, confirmation_days, attribution_days,
                     redirect_template, status, created_at, updated_at)
values
  ('stolik-demo',   'Столик на вечер',      'RESTAURANT_BOOKING',  300, 30, 30, 'https://stolik.example/?ref=kopilka&click={clickId}',  'ACTIVE', now() - interval '200 days', now()),
  ('pelmeni-demo',  'Пельменная «Сибирь»',  'RESTAURANT_BOOKING',  500, 14, 30, 'https://pelmeni.example/book?click={clickId}',        'ACTIVE', now() - interval '5 days',   now()),
  ('domovoy-demo',  'Домовой',              'RETAIL',             1000, 45, 30, 'https://domovoy.example/?kopilka={clickId}',          'ACTIVE', now() - interval '120 days', now()),
  ('obuv-demo',     'Обувь для всех',       'RETAIL',              700, 60, 30, 'https://obuv.example/?click={clickId}',               'PAUSED', now() - interval '90 days',  now()),
  ('sputnik-demo',  'Спутник-Тур',          'TRAVEL',              400, 75, 30, 'https://sputnik-tour.example/go?c={clickId}',         'ACTIVE', now() - interval '300 days', now()),
  ('nebo-demo',     'Небо авиабилеты',      'TRAVEL',              200, 75, 14, 'https://nebo.example/?aff=kopilka&click={clickId}',   'ACTIVE', now() - interval '12 days',  now()),
  ('podarok-demo',  'Подарок-Экспресс',     'GIFTS',              1200, 30, 30, 'https://podarok.example/?click={clickId}',            'ACTIVE', now() - interval '60 days',  now()),
  ('tsvety-demo',   'Цветочная лавка',      'GIFTS',              2000, 14, 30, 'https://tsvety.example/?click={clickId}',             'ACTIVE', now() - interval '20 days',  now()),
  ('market-demo',   'Маркет 24',            'ONLINE_SHOPS',        600, 45, 30, 'https://market24.example/?kopilka_click={clickId}',   'ACTIVE', now() - interval '400 days', now()),
  ('knigi-demo',    'Книжный ряд',          'ONLINE_SHOPS',       1500, 30, 30, 'https://knigi.example/?click={clickId}',              'ACTIVE', now() - interval '150 days', now()),
  ('kino-demo',     'Кино у дома',          'LEISURE',            3000, 14, 7,  'https://kino.example/tickets?click={clickId}',        'ACTIVE', now() - interval '80 days',  now()),
  ('kvest-demo',    'Квест «Ключ»',         'LEISURE',            5000, 14, 30, 'https://kvest.example/?click={clickId}',              'ACTIVE', now() - interval '2 days',   now()),
  ('svyaz-demo',    'Салоны связи',         'OPERATOR_SERVICES',  8000, 30, 30, 'https://shop.operator.example/?click={clickId}',      'ACTIVE', now() - interval '500 days', now()),
  ('tarif-demo',    'Тарифные опции',       'OPERATOR_SERVICES',  5000, 7,  30, 'https://tariffs.operator.example/?click={clickId}',   'ACTIVE', now() - interval '250 days', now())
on conflict (id) do nothing;

insert into partner_secret (id, partner_id, secret, created_at)
select md5('demo-secret:' || p.id)::uuid, p.id, 'whsec_a29waWxrYS1sb2NhbC1kZW1vLXBhcnRuZXIta2V5ISE=', now()
from partner p where p.id like '%-demo'
on conflict (id) do nothing;

insert into rate_boost (id, partner_id, rate_bp, starts_at, ends_at, created_at)
values (md5('demo-boost:market-demo')::uuid, 'market-demo', 1500, now() - interval '1 day', now() + interval '30 days', now())
on conflict (id) do nothing;
