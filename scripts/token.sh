#!/usr/bin/env bash
# Prints a signed RS256 JWT that the locally running suite (scripts/run-local.sh) accepts.
#
#   scripts/token.sh ROLE [SUBJECT]
#   TOKEN=$(scripts/token.sh member 79161234567)
#   curl -H "Authorization: Bearer $(scripts/token.sh admin)" http://localhost:8082/api/v1/admin/bonus/audit
#
# ROLE: billing, service, admin, support, channel-gateway, partner-admin, member. A member's
# SUBJECT is required: the MSISDN 7XXXXXXXXXX; other roles default to <role>-local.
# Claims: iss=kopilka, sub=upn=SUBJECT, groups=[ROLE], iat, exp=iat+KOPILKA_TOKEN_TTL (3600 s).
# Keys: .dev/jwt (see lib/dev-keys.sh); openssl signs, or java when openssl is missing.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/dev-keys.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/dev-keys.sh"

usage() {
  sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  exit 2
}

die() {
  echo "token.sh: $*" >&2
  exit 2
}

[[ $# -ge 1 && $# -le 2 ]] || usage
role=$1
subject=${2:-}
case $role in
  member)
    [[ $subject =~ ^7[0-9]{10}$ ]] || die "a member token needs SUBJECT = the member's MSISDN, 7XXXXXXXXXX"
    ;;
  billing | service | admin | support | channel-gateway | partner-admin)
    subject=${subject:-$role-local}
    # a plain subject keeps the JSON below free of escaping
    [[ $subject =~ ^[A-Za-z0-9._@:-]+$ ]] || die "SUBJECT may contain only letters, digits and . _ @ : -"
    ;;
  -h | --help) usage ;;
  *) die "unknown role '$role' (billing, service, admin, support, channel-gateway, partner-admin, member)" ;;
esac
ttl=${KOPILKA_TOKEN_TTL:-3600}
[[ $ttl =~ ^[1-9][0-9]*$ ]] || die "KOPILKA_TOKEN_TTL must be a number of seconds"

kopilka_dev_keys

now=$(date +%s)
header='{"alg":"RS256","typ":"JWT"}'
payload=$(printf '{"iss":"kopilka","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
  "$subject" "$subject" "$role" "$now" $((now + ttl)))

if kopilka_use_openssl; then
  # base64url without padding (RFC 7515)
  b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
  input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
  signature=$(printf '%s' "$input" | openssl dgst -sha256 -binary -sign "$KOPILKA_DEV_JWT_PRIVATE" | b64url)
  printf '%s.%s\n' "$input" "$signature"
else
  "$KOPILKA_JAVA" "$KOPILKA_ROOT/scripts/lib/JwtTool.java" sign "$KOPILKA_DEV_JWT_PRIVATE" "$header" "$payload"
fi
