#!/usr/bin/env bash
# Runs every test tier (unit, component, browser, network) and prints one closing line
# "N passed, N failed, N skipped". Network tests need root; browser tests need Debian's chromium
# (.ci/run installs both).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore HaVip.slnx || exit 1
dotnet format HaVip.slnx --verify-no-changes --no-restore || { echo "dotnet format found changes: run 'dotnet format HaVip.slnx'"; exit 1; }
dotnet build HaVip.slnx -c Release --no-restore || exit 1

results=artifacts/test-results
rm -rf "$results"
# Replica tests need PostgreSQL; they run in the PostgreSQL pass below. Test projects run one
# after another (-m:1): the network tiers measure failover timing, and a browser tier running
# beside them on a 2-core machine would starve the daemons they time.
dotnet test HaVip.slnx -c Release --no-build -m:1 --logger "trx" --results-directory "$results" \
  --filter "FullyQualifiedName!~HaVip.Server.Tests.Replicas" "$@"
rc=$?

# The server's component suite again, on PostgreSQL, when a server is given (.ci/run starts one).
if [ -n "${HAVIP_TEST_POSTGRES:-}" ]; then
  dotnet test tests/HaVip.Server.Tests -c Release --no-build --logger "trx" --results-directory "$results/postgres" \
    --filter "FullyQualifiedName~HaVip.Server.Tests.Api|FullyQualifiedName~HaVip.Server.Tests.Services|FullyQualifiedName~HaVip.Server.Tests.Agents|FullyQualifiedName~HaVip.Server.Tests.Replicas" "$@" || rc=1
fi

passed=0 failed=0 skipped=0
while IFS= read -r f; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done < <(find "$results" -name '*.trx')
if [ "$passed" -eq 0 ] && [ "$rc" -eq 0 ]; then echo "no test ran"; rc=1; fi
[ "$failed" -gt 0 ] && rc=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
