namespace HaVip.Lab.Tests;

/// <summary>What an N-host lab is made of (pure: no namespaces).</summary>
public sealed class LabSpecTests
{
    [Fact]
    public void Spread_TenHosts_OneInstancePerHost_DemoOnesPlaced_RestCreated_ClientOnLast()
    {
        var spec = LabSpec.Spread(10, "/state");

        spec.Hosts.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        spec.Placement.Values.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(spec.Hosts);
        spec.Placement["havip-01"].Should().Be("hv1");
        spec.Placement["havip-10"].Should().Be("hv10");
        spec.Created.Should().BeEquivalentTo(Enumerable.Range(4, 7).Select(LabSpec.InstanceName));
        spec.ClientHost.Should().Be("hv10");
    }

    [Fact]
    public void Demo_IsTheThreeDemoInstances_NothingCreated()
    {
        var spec = LabSpec.Demo("/state");

        spec.Placement.Should().BeEquivalentTo(new Dictionary<string, string> { ["havip-01"] = "hv1", ["havip-02"] = "hv2", ["havip-03"] = "hv3" });
        spec.Created.Should().BeEmpty();
        spec.ClientHost.Should().Be("hv3");
    }

    [Fact]
    public void Spread_FewerHostsThanDemoInstances_Refused() =>
        FluentActions.Invoking(() => LabSpec.Spread(2, "/state")).Should().Throw<ArgumentOutOfRangeException>();
}
