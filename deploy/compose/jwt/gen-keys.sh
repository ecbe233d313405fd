#!/bin/sh
# Generates the dev JWT signing key pair into $KEYS_DIR (default /keys) unless it is already there, so tokens minted
# before a `docker compose down` stay valid after the next `up`. private.pem stays readable by its owner only;
# public.pem is what the services verify tokens with (MP_JWT_VERIFY_PUBLICKEY_LOCATION=/keys/public.pem).
set -eu
dir="${KEYS_DIR:-/keys}"
mkdir -p "$dir"
if [ -s "$dir/private.pem" ] && [ -s "$dir/public.pem" ]; then
  echo "jwt-keys: key pair already present in $dir"
  exit 0
fi
umask 077
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -quiet -out "$dir/private.pem.tmp"
openssl pkey -in "$dir/private.pem.tmp" -pubout -out "$dir/public.pem.tmp"
chmod 0600 "$dir/private.pem.tmp"
chmod 0644 "$dir/public.pem.tmp"
mv "$dir/public.pem.tmp" "$dir/public.pem"
mv "$dir/private.pem.tmp" "$dir/private.pem"
chmod 0755 "$dir"
echo "jwt-keys: generated a new RSA key pair in $dir"
