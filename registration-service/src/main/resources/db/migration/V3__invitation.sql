-- Rule R6: a member invites a friend by number and the friend is told by SMS how to join. When
-- the friend's membership becomes active (web form, USSD or SMS) without a referrer on the form,
-- the newest invitation that was valid when the friend applied makes its inviter the referrer.
create table invitation (
    id                    uuid primary key,
    friend_msisdn         varchar(11) not null,
    inviter_msisdn        varchar(11) not null,
    -- the inviter's membership when inviting: an invitation ends with the membership that sent it
    inviter_membership_id uuid        not null references membership (id),
    created_at            timestamptz not null,
    expires_at            timestamptz not null,
    -- false when the friend was a pending or active member already: no SMS went out and the
    -- invitation never counts; the inviter is not told, so an invitation reveals no membership
    sms_sent              boolean     not null,
    -- the friend's membership whose activation this invitation counted for
    friend_membership_id  uuid references membership (id),
    -- whether that activation made the referral bonus due (once per friend ever: see referral)
    bonus_earned          boolean     not null default false,
    check (inviter_msisdn <> friend_msisdn),
    check (expires_at > created_at)
);
-- activation: the newest valid invitation of the friend's number
create index invitation_friend on invitation (friend_msisdn, created_at desc);
-- the member's list, the open invitation of a friend and the daily limit
create index invitation_inviter on invitation (inviter_msisdn, created_at desc);
-- the purge job
create index invitation_expires on invitation (expires_at);
