using System.Globalization;
using System.Text;
using HaVip.Contracts.Agents;
using HaVip.Lab;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;

namespace HaVip.Bench.AgentCapture;

/// <summary>One instance of the bench's host: its id, its port's name and MAC, its address and VRID.</summary>
internal sealed record BenchInstance(int Index, string InstanceId, string PortName, string PeerName, string Mac, string Address, byte Vrid);

/// <summary>
/// A hypervisor host's ports without the rest of the host: <see cref="Host"/> holds one veth end per
/// instance under the agent's port name, <see cref="Instances"/> the other ends, from which the
/// sender sends the adverts. No bridge: the agent's capture taps a port before the bridge's rx
/// handler, so a bridge changes nothing the agent sees, and flooding each multicast advert to a
/// thousand ports would only measure the kernel.
/// </summary>
internal sealed class CaptureLab : IAsyncDisposable
{
    private readonly NetnsCommands _netns = new(new CommandRunner());

    private CaptureLab(string prefix, IReadOnlyList<BenchInstance> instances)
    {
        Host = prefix + "-h";
        InstancesNs = prefix + "-v";
        Instances = instances;
    }

    public string Host { get; }

    public string InstancesNs { get; }

    public IReadOnlyList<BenchInstance> Instances { get; }

    public static async Task<CaptureLab> CreateAsync(int count, CancellationToken ct)
    {
        var instances = Enumerable.Range(0, count).Select(Instance).ToArray();
        var lab = new CaptureLab(LabNames.RandomPrefix("hvac"), instances);
        try
        {
            await lab._netns.CreateAsync(lab.Host, ct);
            await lab._netns.CreateAsync(lab.InstancesNs, ct);
            // One `ip -batch` per namespace: a thousand veths in seconds, not a thousand processes.
            await lab.BatchAsync(lab.Host, instances.SelectMany(i => new[]
            {
                $"link add {i.PortName} type veth peer name {i.PeerName} netns {lab.InstancesNs}",
                $"link set {i.PortName} up",
            }), ct);
            await lab.BatchAsync(lab.InstancesNs, instances.SelectMany(i => new[]
            {
                $"link set {i.PeerName} address {i.Mac}",
                $"link set {i.PeerName} up",
            }), ct);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    public DesiredStateDto DesiredState() => new(
        "bench-host",
        1,
        [new SubnetStateDto("subnet-bench", "10.64.0.0/16", "10.64.0.1", 4096, [])],
        [.. Instances.Select(i => new PortStateDto(i.InstanceId, "subnet-bench", "eth0", i.PortName, i.Mac, [i.Address], [i.Address]))],
        []);

    public async ValueTask DisposeAsync()
    {
        await _netns.DeleteAsync(Host, CancellationToken.None);
        await _netns.DeleteAsync(InstancesNs, CancellationToken.None);
    }

    public static BenchInstance Instance(int index)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"i-{index:x8}");
        var address = string.Create(CultureInfo.InvariantCulture, $"10.64.{2 + index / 250}.{2 + index % 250}");
        var mac = string.Create(CultureInfo.InvariantCulture, $"02:00:0a:40:{index >> 8 & 0xff:x2}:{index & 0xff:x2}");
        return new BenchInstance(index, id, PortNames.HostSide(id, "eth0"), string.Create(CultureInfo.InvariantCulture, $"v{index}"), mac, address, (byte)(1 + index % 255));
    }

    private async Task BatchAsync(string netns, IEnumerable<string> commands, CancellationToken ct)
    {
        var text = new StringBuilder();
        foreach (var command in commands)
        {
            text.Append(command).Append('\n');
        }
        await new CommandRunner().RunCheckedAsync("ip", ["-n", netns, "-batch", "-"], text.ToString(), ct);
    }
}
