#!/usr/bin/env bash
# The deployment checks that need more than a JDK (the JDK-only ones run in ./mvnw verify, module deploy):
#
#   1. docker-compose config   validates docker-compose.yml against the Compose schema and renders it
#   2. kubectl kustomize       renders deploy/overlays/dev and deploy/overlays/production
#   3. the deploy module       validates what 1 and 2 rendered: Kubernetes kinds against the Kubernetes OpenAPI
#                              schema (fabric8), Strimzi's and CloudNativePG's custom resources (Kafka,
#                              KafkaNodePool, KafkaTopic, KafkaUser, Cluster, Database) against the openAPIV3Schema
#                              of the operators' own CRDs (unknown fields, types, enumerations, required fields),
#                              then the deployment rules (probes, limits, non-root, no literal secrets,
#                              NetworkPolicies, what each overlay promises)
#   4. the compose scripts     parse, and run here against stand-ins: JWT keys and a token (signature checked with
#                              openssl), topic creation (with a fake kafka-topics.sh), the PostgreSQL init script
#                              (on a throw-away local PostgreSQL, where initdb and a postgres user exist)
#
# Prerequisites: JDK 17, docker-compose, kubectl (kustomize v5+), openssl; deploy/install-tools.sh installs the
# missing ones. No Docker engine and no Kubernetes cluster are needed. Usage: deploy/check.sh
#
# The CRDs of step 3 come from TICKER_CRDS, by default ../shared/crds beside the repository (Strimzi 1.0.1 and
# CloudNativePG 1.29.2, see its README.md). To check against the definitions a cluster runs, save each one
# (`kubectl get crd kafkas.kafka.strimzi.io -o yaml > DIR/kafkas.yaml`, likewise kafkanodepools, kafkatopics and
# kafkausers, clusters.postgresql.cnpg.io and databases.postgresql.cnpg.io) and run TICKER_CRDS=DIR deploy/check.sh.
# Without the CRDs it needs, step 3 fails with one line that says so.
set -uo pipefail
cd "$(dirname "$0")/.."

out=deploy/target/rendered
rm -rf "$out"
mkdir -p "$out"
passed=0
failed=0
failures=()

step() { # step NAME COMMAND...: runs a check with errexit in a subshell; PASS, or FAIL with its output
  local name="$1" log status
  shift
  log="$(mktemp)"
  (set -e; "$@") > "$log" 2>&1
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "PASS $name"
    if [ -n "${SHOW_OUTPUT:-}" ]; then sed 's/^/    /' "$log"; fi
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    sed 's/^/    /' "$log"
    failed=$((failed + 1))
    failures+=("$name")
  fi
  rm -f "$log"
}

kubectl="${KUBECTL:-}"
if [ -z "$kubectl" ]; then
  if [ -x deploy/target/tools/bin/kubectl ]; then kubectl=deploy/target/tools/bin/kubectl; else kubectl=kubectl; fi
fi
for tool in docker-compose "$kubectl" openssl; do
  command -v "$tool" > /dev/null || { echo "deploy/check.sh: $tool is missing (deploy/install-tools.sh installs it)" >&2; exit 2; }
done

# 1. Compose: the file as a fresh clone runs it (no .env, no overriding variables), and with the tools profile.
empty_env="$(mktemp)"
compose() { env -i PATH="$PATH" HOME="${HOME:-/root}" docker-compose --env-file "$empty_env" "$@"; }
step "docker-compose config (schema)" compose config -q
step "docker-compose config --profile tools" compose --profile tools config -q
compose config > "$out/compose.yaml" 2> /dev/null

# 2. Kustomize every overlay.
for overlay in dev production; do
  step "kubectl kustomize deploy/overlays/$overlay" sh -c "'$kubectl' kustomize deploy/overlays/$overlay > '$out/$overlay.yaml'"
done

# 3. Validate the rendered output (schemas and rules) with the deploy module; custom resources against the CRDs.
crds="${TICKER_CRDS:-../shared/crds}"
validate() {
  ./mvnw -B -q -ntp -pl deploy compile exec:java \
    -Dexec.args="crds=$crds compose=$out/compose.yaml dev=$out/dev.yaml production=$out/production.yaml"
}
SHOW_OUTPUT=1 step "rendered compose and overlays: schemas and rules" validate

# 4. The compose scripts.
syntax() {
  bash -n deploy/compose/kafka-init/create-topics.sh &&
    bash -n deploy/compose/postgres-init/10-ticker-databases.sh &&
    sh -n deploy/compose/jwt/gen-keys.sh &&
    sh -n deploy/compose/jwt/mint-token.sh &&
    bash -n deploy/install-tools.sh
}
step "shell scripts parse" syntax

jwt() {
  local dir claims token
  dir="$(mktemp -d)"
  KEYS_DIR="$dir" sh deploy/compose/jwt/gen-keys.sh
  local first again
  first="$(sha256sum "$dir/private.pem")"
  again="$(KEYS_DIR="$dir" sh deploy/compose/jwt/gen-keys.sh)"
  echo "$again" | grep -q "already present"
  [ "$first" = "$(sha256sum "$dir/private.pem")" ] || { echo "keys were regenerated"; return 1; }
  [ "$(stat -c %a "$dir/private.pem")" = 600 ] || { echo "private.pem is not 0600"; return 1; }
  [ "$(stat -c %a "$dir/public.pem")" = 644 ] || { echo "public.pem is not 0644"; return 1; }
  for role in admin editor reporter analyst; do
    token="$(KEYS_DIR="$dir" MP_JWT_VERIFY_ISSUER=urn:ticker:devstack sh deploy/compose/jwt/mint-token.sh "$role")"
    IFS=. read -r header payload signature <<< "$token"
    b64d() { local s="$1"; while [ $((${#s} % 4)) -ne 0 ]; do s="$s="; done; printf '%s' "$s" | tr '_-' '/+' | openssl base64 -d -A; }
    b64d "$signature" > "$dir/sig"
    printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -verify "$dir/public.pem" -signature "$dir/sig" > /dev/null
    [ "$(b64d "$header")" = '{"alg":"RS256","typ":"JWT"}' ]
    claims="$(b64d "$payload")"
    echo "$claims" | grep -q '"iss":"urn:ticker:devstack"'
    echo "$claims" | grep -q "\"groups\":\[\"$role\"\]"
    echo "$claims" | grep -q "\"upn\":\"compose-$role\""
  done
  if KEYS_DIR="$dir" sh deploy/compose/jwt/mint-token.sh root 2> /dev/null; then echo "accepted an unknown role"; return 1; fi
  rm -rf "$dir"
}
step "jwt-keys and token: keys kept, RS256 tokens verify with public.pem" jwt

topics() {
  local dir fake
  dir="$(mktemp -d)"
  fake="$dir/kafka-topics.sh"
  cat > "$fake" << 'FAKE'
#!/bin/bash
# Stand-in for kafka-topics.sh: records --create calls, answers --describe for what was created.
log="$(dirname "$0")/calls"
if [[ " $* " == *" --create "* ]]; then echo "$*" >> "$log"; exit 0; fi
while read -r line; do
  name="$(sed 's/.*--topic \([^ ]*\).*/\1/' <<< "$line")"
  parts="$(sed 's/.*--partitions \([^ ]*\).*/\1/' <<< "$line")"
  [ "$name" = "${SHRINK:-}" ] && parts=6
  printf 'Topic: %s\tTopicId: x\tPartitionCount: %s\tReplicationFactor: 1\tConfigs: \n' "$name" "$parts"
  printf '\tTopic: %s\tPartition: 0\tLeader: 1\tReplicas: 1\tIsr: 1\n' "$name"
done < "$log"
FAKE
  chmod +x "$fake"
  KAFKA_TOPICS_COMMAND="$fake" READY_MARKER="$dir/ready" bash deploy/compose/kafka-init/create-topics.sh
  [ -f "$dir/ready" ] || { echo "no ready marker"; return 1; }
  [ "$(wc -l < "$dir/calls")" -eq 7 ] || { echo "expected 7 topics"; return 1; }
  grep -q -- "--topic ticker.story-events --partitions 12 --replication-factor 1 --config cleanup.policy=delete --config retention.ms=-1" "$dir/calls"
  grep -q -- "--topic ticker.content-keys --partitions 12 --replication-factor 1 --config cleanup.policy=compact" "$dir/calls"
  grep -q -- "--create --if-not-exists" "$dir/calls"
  rm "$dir/calls" "$dir/ready"
  if SHRINK=ticker.article-events KAFKA_TOPICS_COMMAND="$fake" READY_MARKER="$dir/ready" \
    bash deploy/compose/kafka-init/create-topics.sh; then
    echo "accepted a topic with 6 partitions"
    return 1
  fi
  [ ! -f "$dir/ready" ] || { echo "ready marker despite a wrong topic"; return 1; }
  rm -rf "$dir"
}
step "kafka-init: creates the 7 topics, refuses a wrong partition count" topics

postgres_init() {
  local dir
  dir="$(mktemp -d)"
  chown postgres "$dir"
  runuser -u postgres -- initdb -D "$dir/data" -U postgres --auth=trust > /dev/null
  runuser -u postgres -- pg_ctl -D "$dir/data" -w -o "-c listen_addresses='' -k $dir" -l "$dir/log" start > /dev/null
  local status=0 owners=""
  runuser -u postgres -- env POSTGRES_USER=postgres PGHOST="$dir" TICKER_DB_PASSWORD="dev'pw" \
    bash deploy/compose/postgres-init/10-ticker-databases.sh || status=1
  owners="$(runuser -u postgres -- psql -h "$dir" -U postgres -At -d postgres -c "select string_agg(datname \
    || '=' || pg_get_userbyid(datdba), ' ' order by datname) from pg_database where datname in \
    ('ingest', 'timeline', 'analysis')")" || status=1
  runuser -u postgres -- pg_ctl -D "$dir/data" -w stop > /dev/null || status=1
  rm -rf "$dir"
  echo "databases and owners: $owners"
  [ "$status" -eq 0 ] || return 1
  [ "$owners" = "analysis=ticker ingest=ticker timeline=ticker" ]
}
if command -v initdb > /dev/null && command -v pg_ctl > /dev/null && id postgres > /dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  step "postgres-init: role ticker owns ingest, timeline, analysis (local PostgreSQL)" postgres_init
else
  echo "SKIP postgres-init on a local PostgreSQL (needs initdb, pg_ctl, a postgres user and root)"
fi

rm -f "$empty_env"
if [ "$failed" -gt 0 ]; then
  echo "deploy/check.sh failed: ${failures[*]}"
fi
echo "deploy-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
