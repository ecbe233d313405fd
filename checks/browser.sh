#!/usr/bin/env bash
# The browser check: the timeline's reference live page (GET /live/{slug}) in headless Chromium on a real stack.
#
# system-tests' LivePageBrowserIT (Maven profile browser) starts the packaged services on embedded Kafka and
# PostgreSQL, opens a story's page in Debian's chromium through Debian's chromedriver (both named explicitly, so
# Selenium Manager never downloads anything; checks/install-tools.sh installs them), makes every kind of change through
# the API, and fails when one takes more than 3 s to appear or the page differs from the feed API. It prints how long
# each change took and leaves a screenshot in system-tests/target/browser/live-page.png.
#
# Run after `./mvnw verify` (as checks/run does). -am rebuilds the modules the system tests need (their tests skipped),
# so the check runs against this tree's services, never against jars another build installed in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$tool" ] || { echo "browser: $tool is missing (checks/install-tools.sh installs it)" >&2; exit 1; }
done

./mvnw -B -ntp verify -pl system-tests -am -Pbrowser \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=LivePageBrowserIT -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true "$@"

screenshot=system-tests/target/browser/live-page.png
[ -s "$screenshot" ] || { echo "browser: no screenshot at $screenshot" >&2; exit 1; }
echo "browser: passed; screenshot $screenshot"
