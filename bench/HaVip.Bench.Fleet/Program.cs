using HaVip.Bench.Fleet;
using HaVip.Testing;

// Usage: dotnet run -c Release --project bench/HaVip.Bench.Fleet [-- --hosts 1000 --instances-per-host 4 --hosts-per-subnet 10]
//        [--havips-per-subnet 5] [--changes 100] [--rounds 3] [--rate 50 --rate-seconds 60] [--replicas 2] [--database "Host=127.0.0.1;Username=havip;Password=havip"] [--smoke]
// --hosts 100,300,1000 runs each size in turn and prints them side by side at the end.
// --server path/to/HaVip.Server.dll runs another build of the server; --against path/to/HaVip.Server.dll runs each size
// with this build and that one (a fleet and a database each, the order alternating by size), side by side at the end.
// --server-env NAME=VALUE,... and --against-env NAME=VALUE,... set variables in that build's server process only
// (e.g. DOTNET_GCgen0MaxBudget=0x2000000; --against may name this build's own dll, to compare settings).
// --acks post (--against-acks post for the other build): each ack its own request, as agents before acks on polls; default poll.
// --rate: a steady phase of that many overlapping changes per second (0: none), the server's CPU in cores over it.
// --replicas 2 (PostgreSQL): agents spread over two replicas; the first is killed with every agent attached and started again.
// A --database that names no database gets a scratch one per size, dropped at the end.
// --first-start-only: the first start, the server at rest and (with --replicas 2) the restart; nothing else.
// --skip-resync: no re-sync of every host after the warm-up (minutes at the region): the first start, the changes and the steady phase.
// --seed-cache DIR: the seeded fleet is kept there per placement and copied for each run (SeedCache), not seeded again.
// The fleet is seeded straight into the database (DirectSeeder, about 2 minutes at 1,000 hosts of 44 instances); --api-seed seeds it through the public API (minutes at 1,000 hosts).
// Exits 1 when any request failed: the figures are then not printed.
var reports = new List<FleetReport>();
var sizes = FleetOptions.Sizes(args);
for (var size = 0; size < sizes.Length; size++)
{
    foreach (var (dll, environment, acksOnPolls) in FleetOptions.Builds(args, size))
    {
        var options = FleetOptions.Parse(args, sizes[size]) with { ServerDll = dll, ServerEnvironment = environment, AcksOnPolls = acksOnPolls };
        // With --seed-cache the run's database is a copy of the kept seed (SeedCache), made and dropped by the run.
        await using var scratch = options.NamesNoDatabase && options.SeedCache is null ? new TestDatabase(options.Database) : null;
        reports.Add(await new FleetBenchmark(scratch is null ? options : options with { Database = scratch.ConnectionString }).RunAsync());
    }
}
if (reports.Count > 1)
{
    FleetReport.PrintSideBySide(reports);
}
return reports.All(r => r.Passed) ? 0 : 1;
