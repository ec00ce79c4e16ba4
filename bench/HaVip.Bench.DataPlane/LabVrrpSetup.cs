using HaVip.Lab;
using HaVip.Lab.Topology;
using HaVip.Lab.Vrrp;
using HaVip.Linux.Commands;

namespace HaVip.Bench.DataPlane;

/// <summary>The pair inside the HaVip lab: ports on different hosts, VXLAN, the agents' nft rules.</summary>
internal sealed class LabVrrpSetup(TestBed bed, string vip, IReadOnlyList<string> instances, string name = "HaVip lab") : IVrrpSetup
{
    private readonly NetnsCommands _netns = new(new CommandRunner());

    public string Name => name;

    public string ClientNetns => bed.Names.Vm(LabSpec.ClientName);

    public async Task<string?> MasterAsync(CancellationToken ct)
    {
        foreach (var instance in instances)
        {
            if (await _netns.HoldsAsync(bed.Names.Vm(instance), "eth0", vip, ct))
            {
                return instance;
            }
        }
        return null;
    }

    public Task FailLinkAsync(string instance, CancellationToken ct) => bed.FailLinkAsync(instance, ct: ct);

    public Task RestoreLinkAsync(string instance, CancellationToken ct) => bed.RestoreLinkAsync(instance, ct: ct);
}

/// <summary>The same pair on the lab's plain-bridge preset: the baseline.</summary>
internal sealed class PlainBridgeSetup(PlainBridge plain) : IVrrpSetup
{
    public string Name => "plain bridge";

    public string ClientNetns => plain.ClientNetns;

    public Task<string?> MasterAsync(CancellationToken ct) => plain.MasterAsync(ct);

    public Task FailLinkAsync(string instance, CancellationToken ct) => plain.FailLinkAsync(instance, ct);

    public Task RestoreLinkAsync(string instance, CancellationToken ct) => plain.RestoreLinkAsync(instance, ct);
}
