# shellcheck shell=bash
# Dev JWT keys shared by scripts/token.sh and scripts/run-local.sh.
#
# Source this file, then call kopilka_dev_keys: on first use it generates an RSA 2048 key pair
# in .dev/jwt/ (git-ignored; never commit keys) with openssl, or with java when openssl is
# missing (or KOPILKA_NO_OPENSSL=1):
#   .dev/jwt/private.pem   PKCS#8 PEM     (KOPILKA_DEV_JWT_PRIVATE)
#   .dev/jwt/public.pem    X.509 SPKI PEM (KOPILKA_DEV_JWT_PUBLIC)

KOPILKA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KOPILKA_DEV_JWT_DIR=$KOPILKA_ROOT/.dev/jwt
KOPILKA_DEV_JWT_PRIVATE=$KOPILKA_DEV_JWT_DIR/private.pem
KOPILKA_DEV_JWT_PUBLIC=$KOPILKA_DEV_JWT_DIR/public.pem
# the JDK that runs the tools and services: $JAVA_HOME if set, else java on the PATH
if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
  KOPILKA_JAVA=$JAVA_HOME/bin/java
else
  KOPILKA_JAVA=java
fi

# True when openssl should be used for keys and signatures.
kopilka_use_openssl() {
  [[ ${KOPILKA_NO_OPENSSL:-0} != 1 ]] && command -v openssl >/dev/null 2>&1
}

# Writes a new key pair into directory $1.
kopilka_generate_keys() {
  local dir=$1 out
  if kopilka_use_openssl; then
    # genpkey writes a PKCS#8 PEM; its progress dots are shown only on failure
    out=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>&1) \
      || { echo "$out" >&2; return 1; }
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem" || return 1
  else
    command -v "$KOPILKA_JAVA" >/dev/null 2>&1 \
      || { echo "Neither openssl nor java found: install one (JDK 17)" >&2; return 1; }
    "$KOPILKA_JAVA" "$KOPILKA_ROOT/scripts/lib/JwtTool.java" keys "$dir" || return 1
  fi
  chmod 600 "$dir/private.pem" && chmod 644 "$dir/public.pem"
}

# Makes sure .dev/jwt holds a complete key pair, generating one if needed.
kopilka_dev_keys() {
  [[ -s $KOPILKA_DEV_JWT_PRIVATE && -s $KOPILKA_DEV_JWT_PUBLIC ]] && return 0
  local parent tmp
  parent=$(dirname "$KOPILKA_DEV_JWT_DIR")
  mkdir -p "$parent"
  tmp=$(mktemp -d "$parent/.jwt.XXXXXX")
  if ! kopilka_generate_keys "$tmp"; then
    rm -rf "$tmp"
    echo "Could not generate dev JWT keys in $KOPILKA_DEV_JWT_DIR" >&2
    return 1
  fi
  # an incomplete pair (a file deleted by hand) is replaced as a whole
  if [[ -d $KOPILKA_DEV_JWT_DIR && ! (-s $KOPILKA_DEV_JWT_PRIVATE && -s $KOPILKA_DEV_JWT_PUBLIC) ]]; then
    rm -rf "$KOPILKA_DEV_JWT_DIR"
  fi
  # renaming the whole directory is atomic, so concurrent first uses end up with one pair:
  # if another process won the race, mv puts ours inside its directory and it is removed
  mv "$tmp" "$KOPILKA_DEV_JWT_DIR" 2>/dev/null || true
  if [[ ! -e $tmp && ! -e $KOPILKA_DEV_JWT_DIR/${tmp##*/} ]]; then
    echo "Generated dev JWT keys in $KOPILKA_DEV_JWT_DIR" >&2
  fi
  rm -rf "$tmp" "${KOPILKA_DEV_JWT_DIR:?}/${tmp##*/}"
  if [[ ! (-s $KOPILKA_DEV_JWT_PRIVATE && -s $KOPILKA_DEV_JWT_PUBLIC) ]]; then
    echo "Dev JWT keys missing in $KOPILKA_DEV_JWT_DIR" >&2
    return 1
  fi
}
