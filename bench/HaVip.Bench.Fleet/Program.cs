using HaVip.Bench.Fleet;
using HaVip.Testing;

// Usage: dotnet run -c Release --project bench/HaVip.Bench.Fleet [-- --hosts 1000 --instances-per-host 4 --hosts-per-subnet 10]
//        [--havips-per-subnet 5] [--changes 100] [--rounds 3] [--database "Host=127.0.0.1;Username=havip;Password=havip"] [--smoke]
// A --database that names no database gets a scratch one, dropped at the end.
// Exits 1 when any request failed: the figures are then not printed.
var options = FleetOptions.Parse(args);
await using var scratch = options.NamesNoDatabase ? new TestDatabase(options.Database) : null;
return await new FleetBenchmark(scratch is null ? options : options with { Database = scratch.ConnectionString }).RunAsync() ? 0 : 1;
