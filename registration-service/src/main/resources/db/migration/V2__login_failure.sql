-- Wrong login codes per client address: a guesser spreading tries over many numbers is
-- stopped by the address, not only by each number's code.
create table login_failure (
    id             bigint generated always as identity primary key,
    client_address varchar(64) not null,
    at             timestamptz not null
);
create index login_failure_client on login_failure (client_address, at);
