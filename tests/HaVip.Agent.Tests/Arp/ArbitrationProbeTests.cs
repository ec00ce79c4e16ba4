using System.Net;
using HaVip.Agent.Arp;

namespace HaVip.Agent.Tests.Arp;

/// <summary>The holder path's view of the drop rule, over nft 1.0.6's JSON listings of the two sets.</summary>
public sealed class ArbitrationProbeTests
{
    private const string Port = "tbound001eth0";

    private static string Armed(params string[] vips) =>
        Set("armed", vips.Select(v => "{\"elem\": {\"val\": \"" + v + "\", \"timeout\": 2, \"expires\": 1}}"));

    private static string Decision(params (string Vip, string Port)[] keys) =>
        Set("decision", keys.Select(k => "{\"elem\": {\"val\": {\"concat\": [\"" + k.Vip + "\", \"" + k.Port + "\"]}, \"timeout\": 3, \"expires\": 2}}"));

    private static string Set(string name, IEnumerable<string> elems)
    {
        var list = string.Join(", ", elems);
        var elem = list.Length == 0 ? "" : ", \"elem\": [" + list + "]";
        return "{\"nftables\": [{\"metainfo\": {\"version\": \"1.0.6\"}}, {\"set\": {\"family\": \"bridge\", \"name\": \"" + name + "\", \"table\": \"havip\", \"handle\": 4" + elem + "}}]}";
    }

    [Fact]
    public void Dropped_DecidedAndArmed_True_EitherMissing_False()
    {
        ArbitrationProbe.Dropped(Armed("10.0.240.204"), Decision(("10.0.240.204", Port)), "10.0.240.204", Port).Should().BeTrue();
        ArbitrationProbe.Dropped(Armed(), Decision(("10.0.240.204", Port)), "10.0.240.204", Port).Should().BeFalse("the chosen stopped advertising: the claim passes");
        ArbitrationProbe.Dropped(Armed("10.0.240.204"), Decision(), "10.0.240.204", Port).Should().BeFalse("the decision lapsed: the claim passes");
        ArbitrationProbe.Dropped(Armed("10.0.240.204"), Decision(("10.0.240.204", "tother002eth0")), "10.0.240.204", Port).Should().BeFalse();
    }

    [Fact]
    public void ClaimTable_DecidedAgainst_OnlyTheLosersPortAndVip()
    {
        var table = ClaimTable.From(Samples.Decided());

        table.DecidedAgainst(Samples.BoundPort.PortName, IPAddress.Parse("10.0.240.204")).Should().BeTrue();
        table.DecidedAgainst(Samples.UnboundPort.PortName, IPAddress.Parse("10.0.240.204")).Should().BeFalse();
        ClaimTable.From(Samples.State).DecidedAgainst(Samples.BoundPort.PortName, IPAddress.Parse("10.0.240.204")).Should().BeFalse();
    }
}
