using HaVip.Bench.ControlPlane;
using HaVip.Testing;

// Usage: dotnet run -c Release --project bench/HaVip.Bench.ControlPlane [-- --havips 100000 --seconds 10]
//        [--database "Host=127.0.0.1;Username=havip;Password=havip;Database=havip_bench" --replicas 2]
//        [--replica-cpu 0.4] [--rounds 5] [--concurrency 4] [--server path/to/HaVip.Server.dll] [--smoke]
//        [--against path/to/other/HaVip.Server.dll [--rounds 3]]   (this build against another, interleaved)
// A --database that names no database gets a scratch one, dropped at the end (the smoke run's way).
// Exits 1 when any request failed: its figures would measure refusals, so none are printed.
var options = BenchOptions.Parse(args);
await using var scratch = options.NamesNoDatabase ? new TestDatabase(options.Database) : null;
return await new ControlPlaneBenchmark(scratch is null ? options : options with { Database = scratch.ConnectionString }).RunAsync() ? 0 : 1;
