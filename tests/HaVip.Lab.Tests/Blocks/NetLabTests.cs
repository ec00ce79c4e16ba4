using HaVip.Lab.Topology;
using HaVip.Lab.Vrrp;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.Blocks;

/// <summary>havipd's test topology as a preset of the building blocks (root; no daemon started).</summary>
public sealed class NetLabTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NetLab_PutsNothingInTheMachinesNamespace_AndDisposeRemovesItsNamespaces()
    {
        var commands = new CommandRunner();
        var netns = new NetnsCommands(commands);
        string prefix;
        using (var lab = new NetLab(nodes: 2))
        {
            prefix = lab.Prefix;
            (await netns.HoldsAsync(lab.Ns(2), "eth0", NetLab.Address(2).ToString(), Ct)).Should().BeTrue();
            var rootLinks = (await commands.RunCheckedAsync("ip", ["-br", "link", "show"], ct: Ct)).Output;
            rootLinks.Should().NotContain(prefix, "a lab link in the machine's own namespace outlives a crashed test");
        }

        (await netns.ListAsync(Ct)).Should().NotContain(n => n.StartsWith(prefix, StringComparison.Ordinal));
    }
}
