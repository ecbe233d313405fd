#!/bin/sh
# Prints a bearer token signed with the compose stack's dev key (RS256), for one role:
#   docker compose run --rm token editor
# Roles: admin, editor, reporter, analyst. Claims: iss ($MP_JWT_VERIFY_ISSUER), sub/upn (the actor recorded in
# events), groups (the role), iat, exp ($TOKEN_TTL_SECONDS, default 12 h) and a random jti.
set -eu
role="${1:-}"
case "$role" in
  admin|editor|reporter|analyst) ;;
  *) echo "usage: mint-token admin|editor|reporter|analyst [subject]" >&2; exit 2 ;;
esac
subject="${2:-compose-$role}"
case "$subject" in
  *[!A-Za-z0-9._@-]*|'') echo "mint-token: subject may contain only letters, digits and . _ @ -" >&2; exit 2 ;;
esac
key="${KEYS_DIR:-/keys}/private.pem"
[ -r "$key" ] || { echo "mint-token: no signing key at $key (did the jwt-keys service run?)" >&2; exit 1; }
issuer="${MP_JWT_VERIFY_ISSUER:-urn:ticker:devstack}"
ttl="${TOKEN_TTL_SECONDS:-43200}"
now=$(date +%s)
jti=$(openssl rand -hex 16)

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%s,"exp":%s,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "$role" "$now" "$((now + ttl))" "$jti" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
