using HaVip.Bench.ControlPlane;

// Usage: dotnet run -c Release --project bench/HaVip.Bench.ControlPlane [-- --havips 100000 --seconds 10]
//        [--database "Host=127.0.0.1;Username=havip;Password=havip;Database=havip_bench" --replicas 2]
var options = BenchOptions.Parse(args);
await new ControlPlaneBenchmark(options).RunAsync();
