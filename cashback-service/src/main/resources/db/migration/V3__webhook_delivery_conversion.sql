-- A redelivery is answered from its own report's (partner, order id), so the delivery row no longer
-- needs to name its conversion: one statement less per delivery.
alter table webhook_delivery drop column conversion_id;
