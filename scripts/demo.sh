#!/usr/bin/env bash
# Walks one member through the whole programme against a running local suite, with curl, printing
# every request (method, path, short body), the answers and the member's balance as it changes
# ("balance:" lines: GET /api/v1/accounts/me/balance; "…" lines: polling until an effect arrives).
# Start the suite first, in this checkout: scripts/run-local.sh (local profile: SMS land in
# registration-service's dev sink, e-mail is only logged to .dev/logs/registration.log).
#
#   scripts/demo.sh
#
# The journey: log in with an SMS code; join by the web form, approved by support (100 welcome
# points); confirm the e-mail; invite a friend, who joins by USSD (50 points); accruals from telecom, shop, taxi and card
# (single and batch); balance by USSD and SMS; cashback at a demo partner (signed webhooks); rewards
# by USSD and API; a gift to the friend confirmed by SMS code; the phone bill paid from points;
# year-end expiry; leaving by SMS 0; re-joining by USSD with a zero balance.
#
# Every run uses new random numbers (7916... for the member, 7903... for the friend), so it can run
# again and again on the same database. Note that the bill-payment and expiry jobs it runs act on
# every member of the local database, not only on the demo's.
#
# Environment: KOPILKA_REGISTRATION_URL, KOPILKA_BONUS_URL, KOPILKA_CASHBACK_URL,
# KOPILKA_CATALOG_URL, KOPILKA_GIFTING_URL (default http://localhost:8081 ... 8085),
# KOPILKA_REGISTRATION_LOG (default .dev/logs/registration.log: where the e-mail link is read),
# DEMO_TIMEOUT (20: seconds to wait for each asynchronous effect). Exits non-zero, naming the step,
# when anything is not as expected.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)

REG=${KOPILKA_REGISTRATION_URL:-http://localhost:8081}
BONUS=${KOPILKA_BONUS_URL:-http://localhost:8082}
CASHBACK=${KOPILKA_CASHBACK_URL:-http://localhost:8083}
CATALOG=${KOPILKA_CATALOG_URL:-http://localhost:8084}
GIFTING=${KOPILKA_GIFTING_URL:-http://localhost:8085}
MAIL_LOG=${KOPILKA_REGISTRATION_LOG:-$ROOT/.dev/logs/registration.log}
TIMEOUT=${DEMO_TIMEOUT:-20}

usage() {
  sed -n '2,25s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
  exit "${1:-0}"
}
case ${1:-} in
  '') ;;
  -h | --help) usage 0 ;;
  *) usage 2 >&2 ;;
esac
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || {
  echo "demo.sh: DEMO_TIMEOUT must be a whole number of seconds" >&2
  exit 2
}
for tool in curl openssl; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "demo.sh: $tool is needed" >&2
    exit 2
  }
done

# ---- output and failure -------------------------------------------------------------------------
STEP=0
STEP_TITLE="checking the suite"
START=$SECONDS
TMP=$(mktemp -d)
on_exit() {
  local status=$?
  rm -rf "$TMP"
  if ((status != 0 && STEP == 0)); then
    printf '\ndemo.sh: FAILED before the journey began (%s)\n' "$STEP_TITLE" >&2
  elif ((status != 0)); then
    printf '\ndemo.sh: FAILED in step %s (%s)\n' "$STEP" "$STEP_TITLE" >&2
  fi
  exit "$status"
}
trap on_exit EXIT

step() {
  STEP=$((STEP + 1))
  STEP_TITLE=$1
  printf '\n== %s. %s ==\n' "$STEP" "$STEP_TITLE"
}
note() { printf '   %s\n' "$*"; }
fail() {
  printf 'demo.sh: %s\n' "$*" >&2
  exit 1
}
# The first N characters of $1 on one line.
short() {
  local text=${1//$'\n'/ } max=${2:-160}
  if ((${#text} > max)); then
    printf '%s…' "${text:0:max-1}"
  else
    printf '%s' "$text"
  fi
}
new_key() {
  if [[ -r /proc/sys/kernel/random/uuid ]]; then
    cat /proc/sys/kernel/random/uuid
  else
    od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
  fi
}

# ---- HTTP ---------------------------------------------------------------------------------------
# api [-t TOKEN] [-k] [-e STATUS] [-q] METHOD URL [JSON]
#   -t: bearer token; -k: a new Idempotency-Key; -e: the expected status or its prefix (default 2,
#   any 2xx); -q: print nothing. Sets RESP (the body) and CODE (the status); fails on another status.
RESP=
CODE=
api() {
  local token='' key='' expect=2 quiet=0
  while [[ ${1:-} == -* ]]; do
    case $1 in
      -t) token=$2 && shift 2 ;;
      -k) key=$(new_key) && shift ;;
      -e) expect=$2 && shift 2 ;;
      -q) quiet=1 && shift ;;
      *) fail "api: unknown option $1" ;;
    esac
  done
  local method=$1 url=$2 body=${3-}
  local path=/${url#*://*/}
  local args=(-sS -m 30 -X "$method" -w '\n%{http_code}')
  [[ -n $token ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n $key ]] && args+=(-H "Idempotency-Key: $key")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  ((quiet)) || printf '   > %s %s %s\n' "$method" "$path" "$(short "$body" 120)"
  local answer
  answer=$(curl "${args[@]}" "$url") || fail "$method $url: no answer (is scripts/run-local.sh running?)"
  CODE=${answer##*$'\n'}
  RESP=${answer%$'\n'*}
  ((quiet)) || printf '   < %s %s\n' "$CODE" "$(short "$RESP")"
  [[ $CODE == "$expect"* ]] || fail "$method $path answered $CODE, expected ${expect}xx: $(short "$RESP" 400)"
}

# field NAME [JSON]: the value of the first "NAME": in JSON (default $RESP), quotes removed; empty
# when absent. Enough for the flat answers of the suite; no jq needed.
field() {
  local json=${2-$RESP}
  { grep -o "\"$1\":\(\"[^\"]*\"\|[^,}]*\)" <<<"$json" || true; } \
    | sed -n '1{s/^"[^"]*"://;s/^"//;s/"$//;p;}'
}
# Like field, but fails when the field is missing.
need() {
  local value
  value=$(field "$@")
  [[ -n $value && $value != null ]] || fail "no \"$1\" in the answer: $(short "${2-$RESP}" 400)"
  printf '%s' "$value"
}

# ---- tokens, channels, balances, SMS ------------------------------------------------------------
token() { "$HERE/token.sh" "$@"; }

# ussd MSISDN REQUEST, and sms_in MSISDN TEXT (an SMS to 4555), as the operator's gateway sends
# them (each with its message id as Idempotency-Key): set CHANNEL_REPLY
CHANNEL_REPLY=
ussd() {
  api -t "$GATEWAY" -k POST "$REG/api/v1/channels/ussd" "{\"msisdn\":\"$1\",\"request\":\"$2\"}"
  CHANNEL_REPLY=$(need reply)
}
sms_in() {
  api -t "$GATEWAY" -k POST "$REG/api/v1/channels/sms" "{\"from\":\"$1\",\"to\":\"4555\",\"text\":\"$2\"}"
  CHANNEL_REPLY=$(need reply)
}

# balance TOKEN: sets BALANCE (empty when the number has no open account); RESP and CODE stay
BALANCE=
balance() {
  local resp=$RESP code=$CODE
  api -q -t "$1" -e '' GET "$BONUS/api/v1/accounts/me/balance"
  case $CODE in
    200) BALANCE=$(need balance) ;;
    404) BALANCE= ;;
    *) fail "GET /api/v1/accounts/me/balance answered $CODE: $(short "$RESP" 400)" ;;
  esac
  RESP=$resp CODE=$code
}

# The member's balance as last shown, to print what changed.
SHOWN=
show_balance() { # show_balance TOKEN [WHY]
  balance "$1"
  if [[ -z $BALANCE ]]; then
    note "balance: no open account"
  elif [[ -n $SHOWN ]]; then
    local delta=$((BALANCE - SHOWN))
    ((delta >= 0)) && delta=+$delta
    note "balance: $BALANCE points ($delta${2:+, $2})"
  else
    note "balance: $BALANCE points${2:+ ($2)}"
  fi
  SHOWN=$BALANCE
}

# wait_until WHAT COMMAND...: runs COMMAND until it succeeds, for at most $TIMEOUT seconds.
wait_until() {
  local what=$1 deadline=$((SECONDS + TIMEOUT))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || fail "gave up after ${TIMEOUT}s waiting for $what"
    sleep 0.3
  done
}
balance_is() { # balance_is TOKEN EXPECTED ('' = no account)
  balance "$1"
  [[ $BALANCE == "$2" ]]
}
has_account() {
  balance "$1"
  [[ -n $BALANCE ]]
}
no_account() {
  balance "$1"
  [[ -z $BALANCE ]]
}
# wait_balance TOKEN EXPECTED WHY: waits for an asynchronous credit, then shows the balance
wait_balance() {
  local deadline=$((SECONDS + TIMEOUT))
  printf '   … waiting for the balance to reach %s (GET /api/v1/accounts/me/balance)\n' "$2"
  until balance_is "$1" "$2"; do
    ((SECONDS < deadline)) || fail "gave up after ${TIMEOUT}s waiting for a balance of $2; it is ${BALANCE:-no account}"
    sleep 0.3
  done
  show_balance "$1" "$3"
}

# SMS sent to a number, as the dev sink received them (newest first), one text a line.
sms_texts() {
  local resp=$RESP code=$CODE
  api -q GET "$REG/dev/sms-gateway/messages?to=$1"
  { grep -o '"text":"[^"]*"' <<<"$RESP" || true; } | sed 's/^"text":"//;s/"$//'
  RESP=$resp CODE=$code
}
SMS_TEXT=
sms_matches() {
  local texts
  texts=$(sms_texts "$1")
  SMS_TEXT=$({ grep -E -m1 -- "$2" <<<"$texts" || true; })
  [[ -n $SMS_TEXT ]]
}
# wait_sms MSISDN REGEX: waits for an SMS matching REGEX, prints it and sets SMS_TEXT
wait_sms() {
  printf '   … waiting for an SMS to %s (GET /dev/sms-gateway/messages?to=%s)\n' "$1" "$1"
  wait_until "an SMS to $1 matching '$2'" sms_matches "$1" "$2"
  note "SMS to $1: «$SMS_TEXT»"
}

# A new number that never was a member: PREFIX and 7 random digits.
new_msisdn() {
  local msisdn resp=$RESP code=$CODE
  for _ in 1 2 3 4 5; do
    msisdn=$(printf '%s%07d' "$1" $(((RANDOM * 32768 + RANDOM) % 10000000)))
    api -q -t "$SUPPORT" GET "$REG/api/v1/admin/registration/members?msisdn=$msisdn"
    if [[ $RESP == '[]' ]]; then
      RESP=$resp CODE=$code
      printf '%s' "$msisdn"
      return
    fi
  done
  fail "no unused number found with prefix $1"
}

now_utc() { date -u +%Y-%m-%dT%H:%M:%SZ; }
minutes_ago() { date -u -d "@$(($(date +%s) - $1 * 60))" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || now_utc; }

# ---- the suite must be up -----------------------------------------------------------------------
for url in "$REG" "$BONUS" "$CASHBACK" "$CATALOG" "$GIFTING"; do
  status=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$url/q/openapi" || true)
  [[ $status == 200 ]] || fail "nothing answers at $url (status ${status:-none}): start scripts/run-local.sh first"
done
api -q -e '' GET "$REG/dev/sms-gateway/messages?to=79000000000"
[[ $CODE == 200 ]] \
  || fail "registration-service's dev SMS sink is off: run the suite with scripts/run-local.sh (local profile)"
SUPPORT=$(token support)
ADMIN=$(token admin)
BILLING=$(token billing)
GATEWAY=$(token channel-gateway)
api -q -t "$SUPPORT" -e '' GET "$REG/api/v1/admin/registration/members?msisdn=79000000000"
[[ $CODE != 401 ]] || fail "the suite refuses this checkout's dev keys (.dev/jwt):" \
  "run the demo in the checkout whose scripts/run-local.sh is running"
[[ $CODE == 200 ]] || fail "GET /api/v1/admin/registration/members answered $CODE: $(short "$RESP" 400)"

M=$(new_msisdn 7916)
F=$(new_msisdn 7903)
[[ $M != "$F" ]] || fail "the member and the friend got the same number"
echo "Kopilka demo: member $M, friend $F"

# ---- 1 ------------------------------------------------------------------------------------------
step "Log in with a code sent by SMS"
api POST "$REG/api/v1/auth/otp" "{\"msisdn\":\"$M\"}"
wait_sms "$M" 'Код для входа'
OTP=$(grep -o 'Копилку: [0-9]\{6\}' <<<"$SMS_TEXT" | grep -o '[0-9]*$') || fail "no code in the SMS"
api POST "$REG/api/v1/auth/token" "{\"msisdn\":\"$M\",\"code\":\"$OTP\"}"
ME=$(need accessToken)
note "member token for $M (valid $(field expiresIn) s), used from here on"

# ---- 2 ------------------------------------------------------------------------------------------
step "Join by the web form; support approves; 100 welcome points"
EMAIL=demo-$M@example.ru
api -t "$ME" POST "$REG/api/v1/members" \
  "{\"name\":\"Анна Демо\",\"birthDate\":\"1990-05-17\",\"email\":\"$EMAIL\",\"consent\":true}"
MEMBERSHIP=$(need membershipId)
status=$(need status)
note "membership $MEMBERSHIP is $status"
api -t "$SUPPORT" POST "$REG/api/v1/admin/registration/members/$MEMBERSHIP/approval"
status=$(need status)
note "membership $MEMBERSHIP is $status"
wait_balance "$ME" 100 "WELCOME"
wait_sms "$M" 'Заявка одобрена'

# ---- 3 ------------------------------------------------------------------------------------------
step "Confirm the e-mail address (10 points)"
api -t "$ME" POST "$REG/api/v1/members/me/email-confirmation" '{}'
# mail is mocked in the local profile: the mailer logs it, link included, to registration's log
mail_token() {
  MAIL_TOKEN=$(awk -v addr="to [$EMAIL]" '
    index($0, addr) { found = 1 }
    found && match($0, /email-confirmation[?]token=[A-Za-z0-9_-]+/) {
      print substr($0, RSTART + 25, RLENGTH - 25)
      exit
    }' "$MAIL_LOG")
  [[ -n $MAIL_TOKEN ]]
}
MAIL_TOKEN=
if [[ -r $MAIL_LOG ]]; then
  printf '   … reading the mocked mail to %s in %s\n' "$EMAIL" "${MAIL_LOG#"$ROOT"/}"
  wait_until "the confirmation mail in $MAIL_LOG (set KOPILKA_REGISTRATION_LOG if the suite logs elsewhere)" mail_token
  note "link: https://kopilka.example/email-confirmation?token=$MAIL_TOKEN"
  api POST "$REG/api/v1/email-confirmations" "{\"token\":\"$MAIL_TOKEN\"}"
  EMAIL_POINTS=$(need points)
  wait_balance "$ME" $((SHOWN + EMAIL_POINTS)) "EMAIL"
else
  note "skipped: the mail (and its link) is only written to registration-service's log, and"
  note "$MAIL_LOG is not readable here; run the demo in the checkout that runs run-local.sh"
  note "or set KOPILKA_REGISTRATION_LOG"
fi

# ---- 4 ------------------------------------------------------------------------------------------
step "Invite a friend, who joins by USSD *111*455*1# (50 referral points)"
api -t "$ME" POST "$REG/api/v1/members/me/invitations" "{\"msisdn\":\"$F\"}"
wait_sms "$F" 'приглашает вас'
FRIEND=$(token member "$F")
ussd "$F" '*111*455*1#'
printf '   … waiting for the friend'\''s account to open\n'
wait_until "the friend's bonus account" has_account "$FRIEND"
note "friend's balance: $BALANCE points (joining by USSD or SMS earns no welcome points, R4)"
wait_balance "$ME" $((SHOWN + 50)) "REFERRAL"

# ---- 5 ------------------------------------------------------------------------------------------
step "Spend earns points: telecom, shop, taxi and card (billing)"
api -t "$BILLING" POST "$BONUS/api/v1/accruals" "$(printf \
  '{"eventId":"demo-%s-telecom","msisdn":"%s","kind":"TELECOM","amountKopecks":59900,"occurredAt":"%s"}' \
  "$M" "$M" "$(minutes_ago 30)")"
show_balance "$ME" "TELECOM 599 RUB"
events=$(printf '{"eventId":"demo-%s-%s","msisdn":"%s","kind":"%s","amountKopecks":%s,"occurredAt":"%s"},' \
  "$M" shop "$M" SHOP 125000 "$(minutes_ago 20)" \
  "$M" taxi "$M" TAXI 45000 "$(minutes_ago 10)" \
  "$M" card "$M" CARD 350000 "$(minutes_ago 5)")
api -t "$BILLING" POST "$BONUS/api/v1/accruals/batch" "{\"events\":[${events%,}]}"
[[ $RESP != *REJECTED* ]] || fail "an event of the batch was rejected: $(short "$RESP" 600)"
show_balance "$ME" "SHOP 1250 RUB, TAXI 450 RUB, CARD 3500 RUB and the one-time card bonus"

# ---- 6 ------------------------------------------------------------------------------------------
step "Balance by USSD *111*455*0# and by SMS «Бонус» to 4555"
ussd "$M" '*111*455*0#'
sms_in "$M" 'Бонус'

# ---- 7 ------------------------------------------------------------------------------------------
step "Cashback at a partner shop (market-demo)"
api GET "$CASHBACK/api/v1/offers?filter=increased&size=3"
api -t "$ME" POST "$CASHBACK/api/v1/clicks" '{"partnerId":"market-demo","source":"APP"}'
CLICK=$(need clickId)
redirect=$(need redirectUrl)
note "the member goes to $redirect"
ORDER=DEMO-$M
webhook() { # webhook STATUS: the partner's signed report of the order (scripts/partner-webhook.sh)
  printf '   > POST /webhooks/v1/partners/market-demo/conversions %s (signed)\n' \
    "{\"clickId\":\"$CLICK\",\"orderId\":\"$ORDER\",\"amountKopecks\":259999,\"status\":\"$1\",…}"
  RESP=$(KOPILKA_CASHBACK_URL=$CASHBACK "$HERE/partner-webhook.sh" market-demo "$CLICK" "$ORDER" 259999 "$1" \
    2>"$TMP/webhook") || {
    cat "$TMP/webhook" >&2
    fail "the partner's $1 report was refused: $(short "$RESP" 400)"
  }
  printf '   < %s %s\n' "$(tail -n 1 "$TMP/webhook" | sed 's/^HTTP //')" "$(short "$RESP")"
}
webhook PENDING
webhook APPROVED
CASHBACK_POINTS=$(need cashbackPoints)
wait_balance "$ME" $((SHOWN + CASHBACK_POINTS)) "CASHBACK"
wait_sms "$M" 'Начислен кешбэк'
api -t "$ME" GET "$CASHBACK/api/v1/conversions/me"

# ---- 8 ------------------------------------------------------------------------------------------
step "Rewards: by USSD code and by the API"
api GET "$CATALOG/api/v1/rewards?category=COMMUNICATION&size=3"
ussd "$M" '*111*455*33#'
[[ $CHANNEL_REPLY == 'Заказ принят'* ]] || fail "the USSD order was not accepted"
show_balance "$ME" "reward 33 by USSD"
api -t "$ME" -k POST "$CATALOG/api/v1/redemptions" '{"rewardCode":"32"}'
status=$(need status)
[[ $status == COMPLETED ]] || fail "the order is $status, not COMPLETED"
show_balance "$ME" "reward 32 by API"
note "catalog-service confirms every completed order by SMS"
wait_sms "$M" 'Подключено: 30 МБ'

# ---- 9 ------------------------------------------------------------------------------------------
step "Gift 50 points to the friend, confirmed with a code sent by SMS"
api -t "$ME" -k POST "$GIFTING/api/v1/gifts" "{\"recipientMsisdn\":\"$F\",\"points\":50}"
GIFT=$(need giftId)
wait_sms "$M" 'подарка: [0-9]{6}'
GIFT_CODE=$(grep -o 'подарка: [0-9]\{6\}' <<<"$SMS_TEXT" | grep -o '[0-9]*$') || fail "no code in the SMS"
api -t "$ME" POST "$GIFTING/api/v1/gifts/$GIFT/confirmation" "{\"code\":\"$GIFT_CODE\"}"
status=$(need status)
[[ $status == COMPLETED ]] || fail "the gift is $status, not COMPLETED"
show_balance "$ME" "GIFT to $F"
balance "$FRIEND"
note "friend's balance: $BALANCE points"
wait_sms "$F" 'Вам подарили'

# ---- 10 -----------------------------------------------------------------------------------------
step "The phone bill is paid from points (job bill-payment)"
note "the job pays this month's bill (450 RUB from the stand-in billing) of every active member"
api -t "$ADMIN" POST "$CASHBACK/api/v1/admin/cashback/jobs/bill-payment?asOf=$(now_utc)"
api -t "$ME" GET "$CASHBACK/api/v1/goals/me"
show_balance "$ME" "phone bill"
wait_sms "$M" 'Счёт за связь'

# ---- 11 -----------------------------------------------------------------------------------------
step "Year end: this year's points expire (job expiry)"
YEAR=$(TZ=Europe/Moscow date +%Y)
note "expiry as of New Year in Moscow; it expires this year's points of every local account"
api -t "$ADMIN" POST "$BONUS/api/v1/admin/bonus/jobs/expiry?asOf=$YEAR-12-31T21:00:00Z"
show_balance "$ME" "EXPIRY"
api -t "$ADMIN" GET "$BONUS/api/v1/admin/bonus/audit"

# ---- 12 -----------------------------------------------------------------------------------------
step "Leave by SMS «0» to 4555"
sms_in "$M" 0
if [[ $CHANNEL_REPLY == *'отправьте 0 ещё раз'* ]]; then
  note "points would be lost: leaving takes a second 0 within 10 minutes"
  sms_in "$M" 0
else
  note "nothing left to lose, so one 0 is enough (with points the first 0 asks to send 0 again)"
fi
api -t "$ME" GET "$REG/api/v1/members/me"
status=$(need status)
[[ $status == LEFT ]] || fail "the membership is $status, not LEFT"
printf '   … waiting for bonus-service to close the account\n'
wait_until "the bonus account to close" no_account "$ME"
show_balance "$ME"

# ---- 13 -----------------------------------------------------------------------------------------
step "Re-join by USSD *111*455*1#: a new membership that starts from zero"
ussd "$M" '*111*455*1#'
printf '   … waiting for the new account to open\n'
wait_until "the new bonus account" has_account "$ME"
SHOWN=
show_balance "$ME" "new membership"
((BALANCE == 0)) || fail "the re-joined member has $BALANCE points, expected 0"
ussd "$M" '*111*455*0#'

printf '\nDone in %s s: member %s went through the whole programme (friend %s).\n' \
  $((SECONDS - START)) "$M" "$F"
