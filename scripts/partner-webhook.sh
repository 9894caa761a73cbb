#!/usr/bin/env bash
# Posts a correctly signed conversion report to cashback-service, as a partner does
# (docs/partner-webhooks.md): Standard Webhooks headers, HMAC-SHA256 by openssl.
#
#   scripts/partner-webhook.sh PARTNER_ID CLICK_ID ORDER_ID AMOUNT_KOPECKS [STATUS] [OCCURRED_AT]
#   scripts/partner-webhook.sh market-demo 0b7a6a3e-... A-1001 259999 APPROVED
#
# STATUS: PENDING (default), APPROVED or DECLINED. OCCURRED_AT: the purchase's ISO-8601 instant,
# default now. Environment: KOPILKA_CASHBACK_URL (default http://localhost:8083), WEBHOOK_SECRET
# (default: the local demo partners' secret), WEBHOOK_ID (default: a new msg_... id; send the same
# id again to see a redelivery answered without effect). Prints the answer; exits 1 unless 2xx.
set -euo pipefail
usage() {
  sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}
[[ $# -ge 4 && $# -le 6 ]] || usage
partner=$1 click=$2 order=$3 amount=$4 status=${5:-PENDING}
occurred=${6:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
[[ $amount =~ ^[0-9]+$ ]] || { echo "partner-webhook.sh: AMOUNT_KOPECKS must be an integer" >&2; exit 2; }
command -v openssl >/dev/null || { echo "partner-webhook.sh: openssl is needed to sign" >&2; exit 2; }
url=${KOPILKA_CASHBACK_URL:-http://localhost:8083}
# the secret every demo partner of a local run signs with (db/demo); never used in production
secret=${WEBHOOK_SECRET:-whsec_a29waWxrYS1sb2NhbC1kZW1vLXBhcnRuZXIta2V5ISE=}
id=${WEBHOOK_ID:-msg_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}
timestamp=$(date +%s)
body=$(printf '{"clickId":"%s","orderId":"%s","amountKopecks":%s,"currency":"RUB","status":"%s","occurredAt":"%s"}' \
  "$click" "$order" "$amount" "$status" "$occurred")

# the key is the base64 after "whsec_"; the signed content is id.timestamp.body, byte for byte
key=$(printf '%s' "${secret#whsec_}" | base64 -d | od -An -vtx1 | tr -d ' \n')
signature=$(printf '%s.%s.%s' "$id" "$timestamp" "$body" \
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)

echo "POST $url/webhooks/v1/partners/$partner/conversions" >&2
echo "webhook-id: $id  webhook-timestamp: $timestamp  webhook-signature: v1,$signature" >&2
echo "$body" >&2
answer=$(curl -sS -w '\n%{http_code}' -X POST "$url/webhooks/v1/partners/$partner/conversions" \
  -H 'Content-Type: application/json' \
  -H "webhook-id: $id" -H "webhook-timestamp: $timestamp" -H "webhook-signature: v1,$signature" \
  --data-binary "$body")
code=${answer##*$'\n'}
echo "${answer%$'\n'*}"
echo "HTTP $code" >&2
[[ $code == 2* ]]
