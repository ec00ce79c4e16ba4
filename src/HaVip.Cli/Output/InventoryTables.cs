using HaVip.Contracts.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

/// <summary>VPCs, subnets and instances.</summary>
internal static class InventoryTables
{
    public static IRenderable Vpcs(IEnumerable<VpcDto> vpcs)
    {
        var table = Cells.List("id", "name", "cidr", "created");
        foreach (var v in vpcs)
        {
            table.AddRow(Cells.Of(v.Id), Cells.Of(v.Name), Cells.Of(v.Cidr), Cells.Of(v.CreatedAt));
        }
        return table;
    }

    public static IRenderable Vpc(VpcDto v) => Cells.Detail(
        ("id", Cells.Of(v.Id)), ("name", Cells.Of(v.Name)), ("cidr", Cells.Of(v.Cidr)), ("created", Cells.Of(v.CreatedAt)));

    public static IRenderable Subnets(IEnumerable<SubnetDto> subnets)
    {
        var table = Cells.List("id", "name", "cidr", "gateway", "ipv6 cidr", "type", "vpc");
        foreach (var s in subnets)
        {
            table.AddRow(Cells.Of(s.Id), Cells.Of(s.Name), Cells.Of(s.Cidr), Cells.Of(s.Gateway), Cells.Of(s.Ipv6Cidr), Cells.Of(Cells.Lower(s.Type)), Cells.Of(s.VpcId));
        }
        return table;
    }

    public static IRenderable Subnet(SubnetDto s) => Cells.Detail(
        ("id", Cells.Of(s.Id)), ("name", Cells.Of(s.Name)), ("cidr", Cells.Of(s.Cidr)), ("gateway", Cells.Of(s.Gateway)),
        ("ipv6 cidr", Cells.Of(s.Ipv6Cidr ?? "-")), ("ipv6 gateway", Cells.Of(s.Ipv6Gateway ?? "-")),
        ("type", Cells.Of(Cells.Lower(s.Type))), ("vpc", Cells.Of(s.VpcId)), ("created", Cells.Of(s.CreatedAt)));

    public static IRenderable Instances(IEnumerable<InstanceDto> instances)
    {
        var table = Cells.List("id", "name", "host", "nics", "havips", "vpc");
        foreach (var i in instances)
        {
            table.AddRow(Cells.Of(i.Id), Cells.Of(i.Name), Cells.Of(i.Host), Cells.Of(Nics(i)), Cells.Of(i.HaVipCount), Cells.Of(i.VpcId));
        }
        return table;
    }

    public static IRenderable Instance(InstanceDto i) => Cells.Detail(
        ("id", Cells.Of(i.Id)), ("name", Cells.Of(i.Name)), ("vpc", Cells.Of(i.VpcId)), ("host", Cells.Of(i.Host)),
        ("nics", Cells.Of(string.Join(Environment.NewLine, i.Nics.Select(n => $"{n.Device} {Addresses(n)} {n.MacAddress} ({n.SubnetId})")))),
        ("havips", Cells.Of(i.HaVipCount)), ("created", Cells.Of(i.CreatedAt)));

    private static string Nics(InstanceDto i) => string.Join(", ", i.Nics.Select(n => $"{n.Device} {Addresses(n)}"));

    /// <summary>A NIC's IPv4 address, and its IPv6 one in a dual-stack subnet.</summary>
    private static string Addresses(NicDto n) => n.Ipv6Address is null ? n.IpAddress : $"{n.IpAddress} {n.Ipv6Address}";
}
