using HaVip.Bench.DataPlane;
using HaVip.Contracts.Api;
using HaVip.Lab;

// Data-plane benchmarks on the namespace lab (root). Usage: [failovers] [changes]
var failovers = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100;
var changes = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100;
var ct = CancellationToken.None;
var bed = await TestBed.UpAsync(LabSpec.Demo(Path.Combine(Path.GetTempPath(), "havip-bench-" + Guid.NewGuid().ToString("N")[..8])), null, Console.WriteLine, ct);
try
{
    var subnet = (await bed.Api.SubnetsAsync(ct)).First(s => s.Type == NetworkType.Internal);
    var vip = await bed.Api.CreateHaVipAsync(new CreateHaVipRequest("bench", NetworkType.Internal, subnet.Id,
        InstanceIds: [bed.InstanceId("havip-01"), bed.InstanceId("havip-02")]), ct);
    Console.WriteLine(Stats.Summary("propagation (bind change → available, 3 hosts)", await Propagation.RunAsync(bed, vip, changes, ct)));
    await Propagation.RunAsync(bed, vip, 1, ct);
    foreach (var instance in new[] { "havip-01", "havip-02" })
    {
        await bed.StartVrrpAsync(instance, vip.Id, ct: ct);
    }
    while ((await bed.Api.HaVipAsync(vip.Id, ct)).MasterInstanceId is null)
    {
        await Task.Delay(100, ct);
    }
    Console.WriteLine(Stats.Summary("holder learning (GARP seen → API master)", await HolderLearning.RunAsync(bed, vip, failovers, ct)));
}
finally
{
    await bed.DownAsync();
    bed.DeleteState();
}
