using System.Net;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Tests.Instances;

public sealed class ReloadPlanTests
{
    [Fact]
    public void Diff_UnchangedChangedRemovedAdded_KeepRestartStopStart()
    {
        var running = new[] { Plan("same", "a"), Plan("changed", "a"), Plan("removed", "a") }.ToDictionary(p => p.Name);
        var next = new[] { Plan("same", "a"), Plan("changed", "b"), Plan("added", "a") };

        var diff = ReloadPlan.Diff(running, next);

        diff.Keep.Select(p => p.Name).Should().Equal("same");
        diff.Stop.Should().Equal("changed", "removed");
        diff.Start.Select(p => p.Name).Should().Equal("changed", "added");
    }

    [Fact]
    public void Diff_NothingChanged_NothingStopsOrStarts()
    {
        var running = new[] { Plan("a", "x"), Plan("b", "y") }.ToDictionary(p => p.Name);

        var diff = ReloadPlan.Diff(running, [Plan("a", "x"), Plan("b", "y")]);

        (diff.Stop.Count, diff.Start.Count, diff.Keep.Count).Should().Be((0, 0, 2));
    }

    /// <summary>Plans differ by <paramref name="device"/>, one of the settings the fingerprint covers.</summary>
    private static InstancePlan Plan(string name, string device) => new(
        name,
        device,
        new VrrpRouterOptions { VirtualRouterId = 1, Priority = 100, PrimaryAddress = IPAddress.Loopback },
        new NotifyScripts());
}
