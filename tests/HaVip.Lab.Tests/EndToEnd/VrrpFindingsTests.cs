using System.Net;
using System.Text.RegularExpressions;
using HaVip.Contracts.Api;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// Findings that come from how the instances are configured (docs/vrrp-observation.md §5), with
/// real keepalived in the instances and again with havipd on the same files: a bound instance on
/// another advert interval, and an unbound instance running VRRP with the HAVIP's VRID, for another
/// address and then for the VIP itself.
/// </summary>
[Collection(nameof(LabCollection))]
public sealed partial class VrrpFindingsTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>
    /// Beyond the protocol's bound: the agent's report, the test's poll (and its GET) on a machine
    /// shared by several builds. Not part of the platform's bound.
    /// </summary>
    private static readonly TimeSpan LabMargin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// keepalived (havipd alike) starts as backup and advertises once its Master_Down_Interval passes without
    /// hearing a master (RFC 3768 §6.4.2): 3 × 2 s + (256 − 100)/256 s at advert_int 2, priority 100.
    /// </summary>
    private static readonly TimeSpan MasterDownAt2s = TimeSpan.FromMicroseconds(6_609_375);

    /// <summary>The same at advert_int 1, priority 100: 3 s + 156/256 s.</summary>
    private static readonly TimeSpan MasterDownAt1s = TimeSpan.FromMicroseconds(3_609_375);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BoundInstanceOnAnotherAdvertInterval_ConfigMismatchNamesTheField(bool havipd)
    {
        var vip = await AvailableAsync((await CreateAsync("havip-01", "havip-02")).Id);
        var a = Bed.InstanceId("havip-01");
        var slow = AdvertIntLine().Replace(await Bed.Api.KeepalivedAsync(vip.Id, a, Ct), "advert_int 2");
        TrackVrrp("havip-01");
        await Bed.StartVrrpAsync("havip-01", vip.Id, slow, Ct, havipd);

        // Found at its first advert (the observation's start), which comes one Master_Down_Interval after the start.
        var found = await VrrpAsync(vip.Id, v => v.Health!.Findings.Any(f => f.Code == "ConfigMismatch"),
            MasterDownAt2s + LabMargin, "ConfigMismatch");
        var finding = found.Health!.Findings.Single(f => f.Code == "ConfigMismatch");
        finding.Instances.Should().Equal(a);
        finding.Message.Should().Contain($"advertInterval: {a} 2000 ms, generated keepalived.conf 1000 ms");
        found.Vrrp!.Single(i => i.InstanceId == a).AdvertIntervalMilliseconds.Should().Be(2000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UnboundInstanceWithTheVrid_VridConflict_ThenWithTheVipsAddress_RogueAdvert(bool havipd)
    {
        var vip = await AvailableAsync((await CreateAsync("havip-01", "havip-02")).Id);
        var (a, c) = (Bed.InstanceId("havip-01"), Bed.InstanceId("havip-03"));
        var ownConf = await Bed.Api.KeepalivedAsync(vip.Id, a, Ct);
        var aIp = SourceLine().Match(ownConf).Groups[1].Value;
        var cIp = (await Bed.Api.GetInstanceAsync(c, Ct)).Nics.Single(n => n.SubnetId == vip.SubnetId).IpAddress;
        // Another cluster's address on the subnet: the VIP's own, one up (any address but the VIP's).
        var other = NextAddress(vip.IpAddress);

        // havip-03 is not bound: it runs a cluster of its own on the HAVIP's VRID, advertising to havip-01.
        TrackVrrp("havip-03");
        await Bed.StartVrrpAsync("havip-03", vip.Id, Foreign(ownConf, aIp, cIp, vip.IpAddress, other), Ct, havipd);
        var conflict = await VrrpAsync(vip.Id, v => v.Health!.Findings.Any(f => f.Code == "VridConflict"), MasterDownAt1s + LabMargin, "VridConflict");
        conflict.Health!.Findings.Single(f => f.Code == "VridConflict").Instances.Should().Equal(c);
        conflict.Health.Findings.Should().NotContain(f => f.Code == "RogueAdvert");

        // Now for the VIP's own address: a rogue. Its stop (priority 0 on the way out) ends the conflict first.
        await Bed.StopVrrpAsync("havip-03");
        await VrrpAsync(vip.Id, v => v.Health!.Findings.All(f => f.Code != "VridConflict"), LabMargin, "VridConflict gone after havip-03 resigned");
        await Bed.StartVrrpAsync("havip-03", vip.Id, Foreign(ownConf, aIp, cIp, vip.IpAddress, vip.IpAddress), Ct, havipd);
        var rogue = await VrrpAsync(vip.Id, v => v.Health!.Findings.Any(f => f.Code == "RogueAdvert"), MasterDownAt1s + LabMargin, "RogueAdvert");
        rogue.Health!.Findings.Single(f => f.Code == "RogueAdvert").Instances.Should().Equal(c);
        rogue.Health.Findings.Should().NotContain(f => f.Code == "VridConflict");
    }

    /// <summary>havip-01's generated configuration made havip-03's: its own source, havip-01 as its only peer, <paramref name="address"/> as its VIP.</summary>
    private static string Foreign(string conf, string aIp, string cIp, string vip, string address)
    {
        var own = SourceLine().Replace(conf, $"unicast_src_ip {cIp}");
        own = PeerBlock().Replace(own, $"unicast_peer {{\n        {aIp}\n    }}");
        return own.Replace($"        {vip}/", $"        {address}/", StringComparison.Ordinal);
    }

    private static string NextAddress(string ip)
    {
        var bytes = IPAddress.Parse(ip).GetAddressBytes();
        bytes[3] = (byte)(bytes[3] == 254 ? 253 : bytes[3] + 1);
        return new IPAddress(bytes).ToString();
    }

    private Task<HaVipDto> VrrpAsync(string id, Func<HaVipDto, bool> done, TimeSpan within, string what) =>
        Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(id, Ct), done, within, what);

    [GeneratedRegex(@"advert_int \d+")]
    private static partial Regex AdvertIntLine();
}
