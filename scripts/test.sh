#!/usr/bin/env bash
# Runs every test tier (unit, component, browser, network) and prints one closing line
# "N passed, N failed, N skipped". Network tests need root; browser tests need Debian's chromium
# (.ci/run installs both).
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Many short-lived .NET processes share two cores here (test hosts, servers, agents, havipd):
# idle thread-pool workers spinning in sched_yield, and profiling instrumentation for a JIT tier
# most of them never reach, are CPU the tests' own work waits for (the agent measured the spin in
# docs/benchmarks.md). Neither changes what a test checks.
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_TieredPGO=0

# A tier that cannot run is never silently left out. Under CI=true (.ci/run sets it) a missing
# prerequisite fails the run; elsewhere the tier is reported as skipped, with its reason, and its
# tests are counted as skipped in the closing line.
skipped_tiers=() extra_skipped=0
ci() { [ "${CI:-}" = "true" ]; }
missing() { # tier reason
  if ci; then echo "CI: the $1 tier cannot run: $2"; exit 1; fi
  echo "warning: skipping the $1 tier: $2"
  skipped_tiers+=("$1 ($2)")
}
browser_filter=""
[ -x /usr/bin/chromium ] || { missing browser "Debian's chromium is not installed (/usr/bin/chromium)"; browser_filter="&FullyQualifiedName!~HaVip.Server.Tests.Browser"; }
# The two-replica lab runs on PostgreSQL: without it, it is left out and counted as skipped.
postgres_filter=""
[ -n "${HAVIP_TEST_POSTGRES:-}" ] || { missing PostgreSQL "HAVIP_TEST_POSTGRES is not set (.ci/run starts PostgreSQL and sets it)"; postgres_filter="&FullyQualifiedName!~HaVip.Lab.Tests.EndToEnd.TwoReplicaTests"; extra_skipped=$((extra_skipped + 1)); }
if [ "$(id -u)" -ne 0 ]; then missing network "network namespaces need root"; fi
if ci && ! command -v keepalived >/dev/null; then missing network "keepalived is not installed"; fi

dotnet restore HaVip.slnx || exit 1
dotnet format HaVip.slnx --verify-no-changes --no-restore || { echo "dotnet format found changes: run 'dotnet format HaVip.slnx'"; exit 1; }
dotnet build HaVip.slnx -c Release --no-restore || exit 1

# The havipd that ships is the Native AOT executable (README): the network tests and the failover
# bench run that one (HAVIPD_EXE), not `dotnet havipd.dll`. Publishing it needs clang.
if command -v clang >/dev/null; then
  dotnet publish src/HaVip.Vrrpd -c Release -r linux-x64 -o artifacts/havipd -v quiet -nologo || exit 1
  export HAVIPD_EXE="$PWD/artifacts/havipd/havipd"
else
  if ci; then echo "CI: clang is not installed: the Native AOT havipd cannot be published and tested"; exit 1; fi
  echo "warning: clang is not installed: the network tests run havipd under the JIT, not the Native AOT build that ships"
fi

results=artifacts/test-results
rm -rf "$results"
component="FullyQualifiedName!~HaVip.Server.Tests.Browser&FullyQualifiedName!~HaVip.Server.Tests.Readme"
# Server tests by name, to count a tier that could not run (a theory counts once).
listed() { dotnet test tests/HaVip.Server.Tests -c Release --no-build --list-tests 2>/dev/null | grep -E '^\s+HaVip\.Server\.Tests\.' | grep -c "$@"; }

# The server's component suite runs twice, once per provider:
# - on SQLite, the embedded default, with HAVIP_TEST_POSTGRES unset (every test server then makes
#   a SQLite file), with the browser tier and the README test; the replica tests need PostgreSQL;
# - on PostgreSQL, everything but the browser tier and the README test (both run the server as a
#   newcomer does, on its default SQLite), with the replica tests.
# The SQLite pass starts first and runs beside every other tier at the lowest priority the machine
# offers (idle_priority): the network tiers mostly wait on protocol timers, so it takes what they
# leave idle, and a daemon they time, at normal priority, preempts it as soon as it wakes. Each test
# server binds port 0 and says which port it got, so the passes' servers cannot take each other's.
# idle_priority runs "$@" at nice 19 in the idle I/O class (its test servers and browsers inherit
# both) and, where the kernel's cgroup v1 CPU controller is writable (as root), in a group of the
# smallest CPU share, which chromium's renderers cannot leave (as root they raise their own nice
# level back).
idle_priority() {
  local group=/sys/fs/cgroup/cpu/havip-idle
  if [ "$(id -u)" -eq 0 ] && mkdir -p "$group" 2>/dev/null && echo 2 > "$group/cpu.shares" 2>/dev/null; then
    sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec nice -n 19 ionice -c 3 "$@"' _ "$group" "$@"
  else
    nice -n 19 ionice -c 3 "$@"
  fi
}
echo "tests start; the server's SQLite pass beside them at idle priority ($(date -u +%T) UTC)"
(unset HAVIP_TEST_POSTGRES; idle_priority dotnet test tests/HaVip.Server.Tests -c Release --no-build --logger "trx" \
  --results-directory "$results/sqlite" --filter "FullyQualifiedName!~HaVip.Server.Tests.Replicas$browser_filter" "$@") &
sqlite_pass=$!
# Every project but the server's component suite. Test projects run one after another (-m:1):
# the network tiers measure failover timing, and nothing else at their priority may run beside
# them on a 2-core machine.
dotnet test HaVip.slnx -c Release --no-build -m:1 --logger "trx" --results-directory "$results" \
  --filter "FullyQualifiedName!~HaVip.Server.Tests.$postgres_filter" "$@"
rc=$?

echo "server PostgreSQL pass starts ($(date -u +%T) UTC)"
if [ -n "${HAVIP_TEST_POSTGRES:-}" ]; then
  dotnet test tests/HaVip.Server.Tests -c Release --no-build --logger "trx" --results-directory "$results/postgres" \
    --filter "$component" "$@" || rc=1
else
  extra_skipped=$((extra_skipped + $(listed -v -e 'HaVip\.Server\.Tests\.Browser\.' -e 'HaVip\.Server\.Tests\.Readme\.')))
fi
wait "$sqlite_pass" || rc=1
echo "server passes end ($(date -u +%T) UTC)"
[ -z "$browser_filter" ] || extra_skipped=$((extra_skipped + $(listed 'HaVip\.Server\.Tests\.Browser\.')))

# Every benchmark's smoke mode (tiny sizes, seconds): a benchmark that no longer runs, or whose
# requests fail, fails the run. Each counts as one test in the closing line.
bench_passed=0 bench_failed=0
smoke() { # name command...
  local name=$1 log="$results/smoke-$1.log"; shift
  echo "bench smoke: $name ($(date -u +%T) UTC)"
  if "$@" > "$log" 2>&1; then bench_passed=$((bench_passed + 1))
  else echo "FAILED bench smoke $name; the end of $log:"; tail -25 "$log"; bench_failed=$((bench_failed + 1)); rc=1; fi
}
smoke control-plane dotnet run -c Release --no-build --project bench/HaVip.Bench.ControlPlane -- --smoke
# The build-against-build mode, with this build on both sides: the mode still runs.
smoke control-plane-against dotnet run -c Release --no-build --project bench/HaVip.Bench.ControlPlane -- \
  --smoke --against src/HaVip.Server/bin/Release/net10.0/HaVip.Server.dll
smoke fleet dotnet run -c Release --no-build --project bench/HaVip.Bench.Fleet -- --smoke
if [ -n "${HAVIP_TEST_POSTGRES:-}" ]; then
  # Two replicas: the restart phase (one killed with every agent attached, started again) runs too;
  # each of its waits fails after 60 s naming what it saw, so it cannot hang CI.
  smoke fleet-postgres dotnet run -c Release --no-build --project bench/HaVip.Bench.Fleet -- --smoke --replicas 2 --database "$HAVIP_TEST_POSTGRES"
  # A connection string without a database name: the bench makes a scratch database and drops it.
  smoke control-plane-replicas dotnet run -c Release --no-build --project bench/HaVip.Bench.ControlPlane -- \
    --smoke --database "$HAVIP_TEST_POSTGRES" --replicas 2 --rounds 1
else
  extra_skipped=$((extra_skipped + 2))
fi
if [ "$(id -u)" -eq 0 ] && command -v keepalived >/dev/null; then
  smoke failover dotnet run -c Release --no-build --project bench/HaVip.Bench.Failover -- smoke
  smoke data-plane timeout 900 dotnet run -c Release --no-build --project bench/HaVip.Bench.DataPlane -- --smoke
  # Split brain with arbitration on, off and on a plain bridge: one short round of each scenario.
  smoke split-brain timeout 600 dotnet run -c Release --no-build --project bench/HaVip.Bench.DataPlane -- arbitration --smoke
  smoke agent-capture timeout 300 dotnet run -c Release --no-build --project bench/HaVip.Bench.AgentCapture -- --smoke
else
  extra_skipped=$((extra_skipped + 4))
fi

echo "tests end ($(date -u +%T) UTC)"
passed=0 failed=0 skipped=0
while IFS= read -r f; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done < <(find "$results" -name '*.trx')
skipped=$((skipped + extra_skipped))
passed=$((passed + bench_passed)) failed=$((failed + bench_failed))
if [ "$passed" -eq 0 ] && [ "$rc" -eq 0 ]; then echo "no test ran"; rc=1; fi
[ "$failed" -gt 0 ] && rc=1
if [ ${#skipped_tiers[@]} -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped (tiers skipped: $(IFS=';'; echo "${skipped_tiers[*]}"))"
else
  echo "$passed passed, $failed failed, $skipped skipped"
fi
exit $rc
