using HaVip.Bench.ControlPlane;

// Usage: dotnet run -c Release --project bench/HaVip.Bench.ControlPlane [-- --havips 100000 --seconds 10]
var options = BenchOptions.Parse(args);
await new ControlPlaneBenchmark(options).RunAsync();
