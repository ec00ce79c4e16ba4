using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using HaVip.Contracts.Api;

namespace HaVip.Bench.ControlPlane;

/// <summary>The four measured operations. Request i goes to replica i mod n, as a round-robin load balancer would send it.</summary>
internal sealed class Workload(string[] ids, string[] full, string[] empty)
{
    public static readonly string[] Names = ["create", "get", "list (subnetId, 20)", "patch"];

    public Func<int, Task<HttpResponseMessage>> Operation(string name, HttpClient[] clients)
    {
        var json = ApiJson.Options;
        HttpClient Pick(int i) => clients[i % clients.Length];
        return name switch
        {
            "create" => i => Pick(i).PostAsJsonAsync("/v1/havips", new CreateHaVipRequest($"new-{i}", NetworkType.Internal, empty[i % empty.Length]), json),
            "get" => i => Pick(i).GetAsync($"/v1/havips/{ids[Random.Shared.Next(ids.Length)]}"),
            "list (subnetId, 20)" => i => Pick(i).GetAsync($"/v1/havips?subnetId={full[Random.Shared.Next(full.Length)]}&pageSize=20"),
            "patch" => i => Pick(i).PatchAsJsonAsync($"/v1/havips/{ids[Random.Shared.Next(ids.Length)]}", new UpdateHaVipRequest(Remark: $"r{i}"), json),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    /// <summary>
    /// JIT, EF's compiled queries, connection pools and the database's cache; not reported. The
    /// runtime first runs code unoptimized and recompiles the hot methods on a background thread;
    /// until that thread is done a replica spends several times the CPU per request (on a small
    /// CPU budget that takes minutes, and it shows in the figures as slowness that a server
    /// running for days never has). So after one pass over every operation the warm-up goes on,
    /// without creates (their subnets are counted), until the recompiling thread used less than
    /// 2 % of the replicas' CPU in a pass, or <see cref="MaxWarmUp"/> is over.
    /// </summary>
    public async Task WarmUpAsync(Replica[] replicas, HttpClient[] clients, BenchOptions options)
    {
        var clock = Stopwatch.StartNew();
        for (var pass = 0; ; pass++)
        {
            var jitBefore = replicas.Sum(r => r.TieringCpuTime.TotalMilliseconds);
            var cpuBefore = replicas.Sum(r => r.CpuTime.TotalMilliseconds);
            foreach (var name in pass == 0 ? Names : Names.Where(n => n != "create"))
            {
                await LoadRunner.RunAsync("warm-up", options.Concurrency, options.WarmUp, Operation(name, clients));
            }
            var jit = replicas.Sum(r => r.TieringCpuTime.TotalMilliseconds) - jitBefore;
            var cpu = replicas.Sum(r => r.CpuTime.TotalMilliseconds) - cpuBefore;
            if (options.Smoke || jit < 0.02 * cpu || clock.Elapsed > MaxWarmUp)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warmed up in {clock.Elapsed.TotalSeconds:F0} s; in the last pass recompiling took {jit / cpu:P1} of the replicas' CPU"));
                return;
            }
        }
    }

    private static readonly TimeSpan MaxWarmUp = TimeSpan.FromMinutes(3);
}
