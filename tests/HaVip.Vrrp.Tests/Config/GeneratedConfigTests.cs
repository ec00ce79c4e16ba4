using System.Net;
using HaVip.Domain.HaVips;
using HaVip.Domain.Keepalived;
using HaVip.Domain.Resources;
using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>The keepalived.conf the control plane hands out parses cleanly with havipd's parser.</summary>
public sealed class GeneratedConfigTests
{
    [Theory]
    [InlineData(SubnetType.Internal, "10.0.240.0/24", "10.0.240.1", "eth0")]
    [InlineData(SubnetType.External, "192.168.177.0/24", "192.168.177.1", "eth1")]
    public void Render_ThenParse_HasNoDiagnosticsAndSameSettings(SubnetType type, string cidr, string gateway, string device)
    {
        var prefix = cidr[..cidr.LastIndexOf('.')];
        var subnet = new Subnet { AccountId = "acct-default", Id = "subnet-abcdefgh", VpcId = "vpc-abcdefgh", Name = "s", Cidr = cidr, Gateway = gateway, Type = type };
        var vms = Enumerable.Range(14, 3).Select(n => Vm($"i-vm0000{n}", device, $"{prefix}.{n}", subnet.Id)).ToArray();
        var vip = new HighAvailabilityVip
        {
            AccountId = "acct-default",
            Id = "havip-abcdefgh",
            Name = "web",
            VpcId = subnet.VpcId,
            SubnetId = subnet.Id,
            IpAddress = $"{prefix}.204",
            Type = type,
            VirtualRouterId = 51,
            AuthPass = KeepalivedConfigRenderer.NewAuthPass(),
        };

        var text = KeepalivedConfigRenderer.Render(vip, subnet, vms[0], vms);
        var result = new KeepalivedConfigParser().ParseText(text, "generated.conf");

        result.Diagnostics.Should().BeEmpty(string.Join("\n", result.Diagnostics));
        var instance = result.Config.Instances.Should().ContainSingle().Subject;
        instance.Interface.Should().Be(device);
        instance.VirtualRouterId.Should().Be(51);
        instance.NoPreempt.Should().BeTrue();
        instance.UnicastSourceIp.Should().Be(IPAddress.Parse($"{prefix}.14"));
        instance.UnicastPeers.Should().Equal(IPAddress.Parse($"{prefix}.15"), IPAddress.Parse($"{prefix}.16"));
        instance.VirtualAddresses.Should().ContainSingle();
        instance.VirtualRoutes.Should().HaveCount(type == SubnetType.External ? 1 : 0);
    }

    private static Instance Vm(string id, string device, string ip, string subnetId)
    {
        var vm = new Instance { AccountId = "acct-default", Id = id, Name = id, VpcId = "vpc-abcdefgh" };
        vm.Nics.Add(new Nic { InstanceId = id, Device = device, SubnetId = subnetId, VpcId = "vpc-test0001", IpAddress = ip, MacAddress = "02:00:00:00:00:01" });
        return vm;
    }
}
