using HaVip.Lab;
using HaVip.Linux.Commands;

namespace HaVip.Bench.DataPlane;

/// <summary>The pair inside the HaVip lab: ports on different hosts, VXLAN, the agents' nft rules.</summary>
internal sealed class LabVrrpSetup(TestBed bed, string vip, IReadOnlyList<string> instances) : IVrrpSetup
{
    private readonly CommandRunner _commands = new();

    public string Name => "HaVip lab";

    public string ClientNetns => bed.Names.Vm(LabSpec.ClientName);

    public Task<string?> MasterAsync(CancellationToken ct) => VipHolder.FindAsync(_commands, instances, bed.Names.Vm, vip, ct);

    public Task FailLinkAsync(string instance, CancellationToken ct) => bed.FailLinkAsync(instance, ct: ct);

    public Task RestoreLinkAsync(string instance, CancellationToken ct) => bed.RestoreLinkAsync(instance, ct: ct);
}

/// <summary>Which instance carries the VIP on its eth0 right now.</summary>
internal static class VipHolder
{
    public static async Task<string?> FindAsync(CommandRunner commands, IReadOnlyList<string> instances, Func<string, string> netnsOf, string vip, CancellationToken ct)
    {
        foreach (var instance in instances)
        {
            var shown = await commands.RunAsync("ip", ["-n", netnsOf(instance), "-br", "addr", "show", "dev", "eth0"], ct: ct);
            if (shown.Output.Contains($" {vip}/", StringComparison.Ordinal))
            {
                return instance;
            }
        }
        return null;
    }
}
