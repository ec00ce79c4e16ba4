using HaVip.Contracts.Api;
using HaVip.Lab;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;
using HaVip.Linux.Namespaces;
using HaVip.Server.Tests.Fixtures;

namespace HaVip.Server.Tests.Api;

/// <summary>
/// The keepalived.conf the API renders passes keepalived's own check (2.2.7): IPv6 (VRRPv3) and
/// IPv4, internal and external. keepalived wants the instance's interface to exist, so the check
/// runs in a namespace of this test's own holding eth0. A missing keepalived fails the test (it
/// is installed in CI), it never passes unseen.
/// </summary>
public sealed class KeepalivedConfigTestTests(HaVipApp app) : IClassFixture<HaVipApp>
{
    private const string Keepalived = "/usr/sbin/keepalived";
    private readonly ApiClient _api = app.Api;
    private readonly CommandRunner _commands = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(IpVersion.Ipv6, NetworkType.Internal)]
    [InlineData(IpVersion.Ipv6, NetworkType.External)]
    [InlineData(IpVersion.Ipv4, NetworkType.External)]
    public async Task Keepalived_RenderedConfig_PassesKeepalivedConfigTest(IpVersion version, NetworkType type)
    {
        File.Exists(Keepalived).Should().BeTrue($"keepalived must be installed for this test (CI={Environment.GetEnvironmentVariable("CI")}): apt-get install keepalived");
        Privileges.WhyNoLab().Should().BeNull("the check runs in a network namespace");
        var vpc = await _api.VpcAsync();
        var subnet = await _api.ReadAsync<SubnetDto>(await _api.PostAsync("/v1/subnets",
            new CreateSubnetRequest(vpc.Id, "dual", "10.0.1.0/24", type, Ipv6Cidr: "fd00:10:1::/64")), System.Net.HttpStatusCode.Created);
        var a = await _api.InstanceAsync(vpc.Id, subnet.Id, name: "a");
        var b = await _api.InstanceAsync(vpc.Id, subnet.Id, name: "b");
        var vip = await _api.ReadAsync<HaVipDto>(await _api.PostAsync("/v1/havips",
            new CreateHaVipRequest("v", type, subnet.Id, InstanceIds: [a.Id, b.Id], IpVersion: version)), System.Net.HttpStatusCode.Created);
        var conf = await _api.Http.GetStringAsync($"/v1/havips/{vip.Id}/keepalived?instanceId={a.Id}", Ct);

        var (exit, says) = await ConfigTestAsync(conf);

        says.Should().BeEmpty($"keepalived names every line it rejects or ignores; the file was\n{conf}");
        exit.Should().Be(0, conf);
        if (version == IpVersion.Ipv6)
        {
            conf.Should().Contain("vrrp_version 3").And.Contain($"unicast_src_ip {a.Nics[0].Ipv6Address}").And.Contain($"{vip.IpAddress}/64 dev eth0");
        }
    }

    private async Task<(int Exit, string Says)> ConfigTestAsync(string conf)
    {
        var netns = LabNames.RandomPrefix("hvt") + "-kc";
        var file = Path.Combine(Path.GetTempPath(), $"havip-{netns}.conf");
        var namespaces = new NetnsCommands(_commands);
        try
        {
            await File.WriteAllTextAsync(file, conf, Ct);
            await namespaces.AddAsync(netns, Ct);
            await namespaces.IpAsync(netns, Ct, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0p");
            await namespaces.IpAsync(netns, Ct, "link", "set", "eth0", "up");
            var check = await _commands.RunAsync("ip", ["netns", "exec", netns, Keepalived, "--config-test", "-f", file], ct: Ct);
            return (check.ExitCode, (check.Output + check.Error).Trim());
        }
        finally
        {
            await namespaces.DeleteAsync(netns, CancellationToken.None);
            File.Delete(file);
        }
    }
}
