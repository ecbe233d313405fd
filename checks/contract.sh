#!/usr/bin/env bash
# The timeline's contract is usable: a TypeScript client generated from its OpenAPI document compiles.
#
#   1. openapi-generator 7.25.0 (Maven plugin, checks/contract/pom.xml, outside the reactor) generates a
#      typescript-fetch client from timeline-service/target/openapi/openapi.json, the document the timeline's build
#      stores (the same one /q/openapi serves);
#   2. npm installs the pinned TypeScript compiler into timeline-service/target/contract/tsc (nothing global);
#   3. tsc --noEmit --strict compiles the client with checks/contract/usage.ts, which narrows a change by its type.
#
# Needs the reactor built first (`./mvnw verify`, or `./mvnw package -DskipTests -pl timeline-service -am`), Node.js
# 20 with npm, and Maven Central and the npm registry (or their caches). Prints one last line: passed or why not.
set -euo pipefail
cd "$(dirname "$0")/.."

TYPESCRIPT_VERSION=5.9.3
spec=timeline-service/target/openapi/openapi.json
work=timeline-service/target/contract

fail() {
  echo "contract: FAILED: $*" >&2
  exit 1
}

[ -f "$spec" ] || fail "$spec is missing: build the timeline first (./mvnw verify)"
command -v npm > /dev/null || fail "npm is missing (Node.js 20; checks/install-tools.sh)"

echo "contract: generating the TypeScript client from $spec (openapi-generator 7.25.0)"
mkdir -p "$work"
if ! ./mvnw -B -ntp -q -f checks/contract/pom.xml generate-sources \
  -Dcontract.spec="$PWD/$spec" -Dcontract.output="$PWD/$work/client" > "$work/generate.log" 2>&1; then
  tail -40 "$work/generate.log" >&2
  fail "openapi-generator could not generate the client (log: $work/generate.log)"
fi

tsc="$work/tsc/node_modules/.bin/tsc"
if [ ! -x "$tsc" ] || ! "$tsc" --version | grep -qx "Version $TYPESCRIPT_VERSION"; then
  echo "contract: installing typescript@$TYPESCRIPT_VERSION into $work/tsc"
  mkdir -p "$work/tsc"
  npm install --prefix "$work/tsc" --no-save --no-audit --no-fund --no-package-lock --silent \
    "typescript@$TYPESCRIPT_VERSION" > /dev/null || fail "npm could not install typescript@$TYPESCRIPT_VERSION"
fi

cp checks/contract/usage.ts "$work/usage.ts"
echo "contract: compiling the client and checks/contract/usage.ts ($("$tsc" --version), --strict)"
if ! "$tsc" --noEmit --strict --target es2019 --module commonjs --moduleResolution node \
  --lib es2019,dom --forceConsistentCasingInFileNames "$work/client/src/index.ts" "$work/usage.ts"; then
  fail "the generated client does not compile"
fi

models=$(find "$work/client/src/models" -name '*.ts' ! -name index.ts | wc -l)
apis=$(find "$work/client/src/apis" -name '*.ts' ! -name index.ts | wc -l)
echo "contract: passed: $models models and $apis APIs generated from the timeline's OpenAPI compile with tsc --strict"
