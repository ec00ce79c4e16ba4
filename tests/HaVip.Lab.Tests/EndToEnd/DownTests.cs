using HaVip.Contracts.Api;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>`havip down` leaves nothing of the lab: no namespace, link, nft table, process or state file.</summary>
[Collection(nameof(LabCollection))]
public sealed class DownTests
{
    private readonly CommandRunner _commands = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Down_LeavesNoNamespaceLinkTableProcessOrStateFile()
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "havip-down-" + Guid.NewGuid().ToString("N")[..8]);
        var bed = await TestBed.UpAsync(LabSpec.Demo(stateDir), null, _ => { }, Ct);
        try
        {
            var subnet = (await bed.SubnetsAsync(Ct)).First(s => s.Type == NetworkType.Internal);
            var vip = await bed.Api.CreateHaVipAsync(new CreateHaVipRequest("down", NetworkType.Internal, subnet.Id,
                InstanceIds: [bed.InstanceId("havip-01"), bed.InstanceId("havip-02")]), Ct);
            await Eventually.GetAsync(() => bed.Api.GetHaVipAsync(vip.Id, Ct), v => v.Status == HaVipState.Available, TimeSpan.FromSeconds(20), "available");
            await bed.StartVrrpAsync("havip-01", vip.Id, ct: Ct);
            await bed.StartVrrpAsync("havip-02", vip.Id, ct: Ct);
            var namespaces = (await ListNamespacesAsync()).Where(n => n.StartsWith(bed.Names.Prefix, StringComparison.Ordinal)).ToArray();
            namespaces.Should().NotBeEmpty();
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var netns in namespaces)
            {
                inodes.Add((await _commands.RunCheckedAsync("stat", ["-L", "-c", "%i", "/run/netns/" + netns], ct: Ct)).Output.Trim());
            }
            var pids = bed.State.Pids.Values.ToArray();
            pids.Should().Contain(bed.State.Pids["keepalived-havip-01"]);

            await bed.DownAsync();

            (await ListNamespacesAsync()).Should().NotContain(n => n.StartsWith(bed.Names.Prefix, StringComparison.Ordinal), "no namespace of the lab is left");
            (await _commands.RunCheckedAsync("ip", ["-o", "link", "show"], ct: Ct)).Output.Should().NotContain(bed.Names.Prefix, "no link of the lab is left in the machine's namespace");
            (await _commands.RunCheckedAsync("nft", ["list", "tables"], ct: Ct)).Output.Should().NotContain("bridge havip", "the agents' tables went with their host namespaces");
            pids.Where(pid => Directory.Exists($"/proc/{pid}")).Should().BeEmpty("no process the lab started is left");
            InLabNamespaces(inodes).Should().BeEmpty("no process (a VRRP child, a daemon) is left in a lab namespace kept alive by it");
            File.Exists(Path.Combine(stateDir, LabState.FileName)).Should().BeFalse("the state file is gone");
        }
        finally
        {
            await bed.DownAsync();
            bed.DeleteState();
        }
    }

    private async Task<IReadOnlyList<string>> ListNamespacesAsync() =>
        (await _commands.RunCheckedAsync("ip", ["netns", "list"], ct: Ct)).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToArray();

    /// <summary>Processes whose network namespace is one of <paramref name="inodes"/>: "pid comm" each.</summary>
    private static List<string> InLabNamespaces(HashSet<string> inodes)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }
            try
            {
                var link = new FileInfo(Path.Combine(dir, "ns", "net")).LinkTarget ?? "";
                if (inodes.Any(inode => link == $"net:[{inode}]"))
                {
                    found.Add($"{pid} {File.ReadAllText(Path.Combine(dir, "comm")).Trim()}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was read.
            }
        }
        return found;
    }
}
