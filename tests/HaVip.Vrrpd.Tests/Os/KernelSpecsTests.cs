using System.Net;
using HaVip.Vrrp.Config;
using HaVip.Vrrpd.Os;

namespace HaVip.Vrrpd.Tests.Os;

public sealed class KernelSpecsTests
{
    private static int Index(string name) => name switch { "eth0" => 2, "eth1" => 3, _ => throw new InvalidOperationException(name) };

    [Fact]
    public void Address_DevLabelScope_Mapped()
    {
        var vip = new VirtualAddress(IPAddress.Parse("10.0.0.100"), 24) { Device = "eth1", Label = "eth1:vip", Scope = "link" };

        var spec = KernelSpecs.Address(vip, Index, "eth0");

        (spec.InterfaceIndex, spec.PrefixLength, spec.Label, spec.Scope).Should().Be((3, 24, "eth1:vip", (byte)253));
    }

    [Theory]
    [InlineData("fd00::100", 128, null, 0u)]
    [InlineData("fd00::100", 128, uint.MaxValue, null)]
    [InlineData("fd00::100", 64, null, null)]
    [InlineData("10.0.0.100", 32, null, null)]
    public void Address_Ipv6_DeprecatedAsKeepalivedUnlessPreferredLftSays(string address, int prefix, uint? given, uint? expected) =>
        KernelSpecs.Address(new VirtualAddress(IPAddress.Parse(address), prefix) { PreferredLifetime = given }, Index, "eth0")
            .PreferredLifetime.Should().Be(expected);

    [Fact]
    public void Address_NoDev_UsesInstanceInterface() =>
        KernelSpecs.Address(new VirtualAddress(IPAddress.Parse("10.0.0.100"), 32), Index, "eth0").InterfaceIndex.Should().Be(2);

    [Fact]
    public void Route_GatewayTableMetric_Mapped()
    {
        var route = new VirtualRoute(IPAddress.Parse("192.168.0.0"), 16) { Gateway = IPAddress.Parse("10.0.0.1"), Device = "eth0", Table = "100", Metric = 5 };

        var spec = KernelSpecs.Route(route, Index);

        (spec.InterfaceIndex, spec.Table, spec.Metric, spec.Type, spec.Scope).Should().Be((2, 100u, 5u, (byte)1, (byte?)null));
    }

    [Theory]
    [InlineData(null, 254u)]
    [InlineData("main", 254u)]
    [InlineData("local", 255u)]
    [InlineData("42", 42u)]
    public void Table_NamesAndNumbers(string? table, uint expected) => KernelSpecs.Table(table).Should().Be(expected);

    [Theory]
    [InlineData("blackhole", 6)]
    [InlineData("unreachable", 7)]
    [InlineData("prohibit", 8)]
    [InlineData(null, 1)]
    public void RouteType_Names(string? type, int expected) => KernelSpecs.RouteType(type).Should().Be((byte)expected);
}
