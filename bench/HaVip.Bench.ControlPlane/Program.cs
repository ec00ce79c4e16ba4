using HaVip.Bench.ControlPlane;

// Usage: dotnet run -c Release --project bench/HaVip.Bench.ControlPlane [-- --havips 100000 --seconds 10]
//        [--database "Host=127.0.0.1;Username=havip;Password=havip;Database=havip_bench" --replicas 2]
//        [--replica-cpu 0.4] [--rounds 5] [--concurrency 4] [--server path/to/HaVip.Server.dll]
var options = BenchOptions.Parse(args);
await new ControlPlaneBenchmark(options).RunAsync();
