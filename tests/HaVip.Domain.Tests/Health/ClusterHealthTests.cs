using HaVip.Domain.Health;

namespace HaVip.Domain.Tests.Health;

/// <summary>
/// Each finding entered and left at exactly its moment. T0 is when the view begins; a tick before
/// a finding's moment it does not stand, at the moment it does.
/// </summary>
public sealed class ClusterHealthTests
{
    private const string Vip = "10.0.240.204";
    private static readonly DateTime T0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly ExpectedAdvert Generated = new(51, Second, 2, "SimplePassword");

    // RFC 3768 §6.1, 1 s: 3 s + (256 − priority)/256 s.
    private static TimeSpan Mdi(int priority) => TimeSpan.FromSeconds(3) + TimeSpan.FromMicroseconds((256 - priority) * 1_000_000L / 256);

    private static VrrpObservation Advert(string id, int priority, DateTime startedAt, bool advertising = true, DateTime? lastAt = null, int vrid = 51, string address = Vip) =>
        new(id, vrid, advertising, 2, priority, Second, "SimplePassword", [address], Mdi(priority), startedAt, startedAt, lastAt ?? startedAt);

    private static ClusterView View(string? holder, params VrrpObservation[] observations) =>
        new(Vip, [new BoundInstance("i-a", T0), new BoundInstance("i-b", T0)], holder, observations, Generated);

    private static FindingCode[] At(ClusterView view, DateTime now) => ClusterHealth.Evaluate(view, now).Select(f => f.Code).ToArray();

    [Fact]
    public void HealthyPair_MasterAdvertisingBackupSilent_Ok()
    {
        var view = View("i-a", Advert("i-a", 150, T0));

        ClusterHealth.Evaluate(view, T0 + TimeSpan.FromHours(1)).Should().BeEmpty();
    }

    [Fact]
    public void SplitBrain_LowerPriorityNewcomer_EntersAfterItsIntervalPlusMargin()
    {
        var split = T0 + TimeSpan.FromSeconds(10);
        var view = View("i-a", Advert("i-a", 150, T0), Advert("i-b", 100, split));
        var enters = split + Second + ClusterHealth.Margin;

        At(view, enters - Tick).Should().NotContain(FindingCode.SplitBrain);
        var finding = ClusterHealth.Evaluate(view, enters).Should().ContainSingle(f => f.Code == FindingCode.SplitBrain).Subject;
        finding.Since.Should().Be(enters);
        finding.Instances.Should().Equal("i-a", "i-b");
        ClusterHealth.NextChange(view, split).Should().Be(enters, "the server evaluates again when the finding is due");
    }

    [Fact]
    public void SplitBrain_HigherPriorityNewcomer_AllowsTheIncumbentsMasterDownInterval_SoPreemptionIsNoFinding()
    {
        var preempt = T0 + TimeSpan.FromSeconds(10);
        var both = View("i-a", Advert("i-a", 100, T0), Advert("i-b", 150, preempt));
        var enters = preempt + Mdi(100) + ClusterHealth.Margin;

        At(both, enters - Tick).Should().NotContain(FindingCode.SplitBrain);
        At(both, enters).Should().Contain(FindingCode.SplitBrain);
        // The incumbent yielded at once; the agent says so at its last advert + Master_Down_Interval, inside the allowance.
        var yielded = View("i-b", Advert("i-a", 100, T0, advertising: false, lastAt: preempt), Advert("i-b", 150, preempt));
        At(yielded, preempt + Mdi(100) + ClusterHealth.Margin).Should().BeEmpty();
    }

    [Theory]
    [InlineData("i-a", "i-b")]
    [InlineData("i-b", "i-a")]
    public void SplitBrain_SameStart_EitherMayYield_TheIncumbentsMasterDownIntervalHolds_WhateverTheOrder(string first, string second)
    {
        var start = T0 + TimeSpan.FromSeconds(10);
        var runs = new[] { Advert("i-a", 150, start), Advert("i-b", 100, start) };
        var view = View("i-a", runs.Single(r => r.InstanceId == first), runs.Single(r => r.InstanceId == second));
        var enters = start + Mdi(100) + ClusterHealth.Margin;

        At(view, enters - Tick).Should().BeEmpty();
        At(view, enters).Should().Equal(FindingCode.SplitBrain);
    }

    [Fact]
    public void SplitBrain_Heals_WhenOneStopsAdvertising()
    {
        var view = View("i-a", Advert("i-a", 150, T0), Advert("i-b", 100, T0, advertising: false, lastAt: T0 + TimeSpan.FromSeconds(5)));

        At(view, T0 + TimeSpan.FromMinutes(1)).Should().BeEmpty();
    }

    [Fact]
    public void NoMaster_EntersAtTheLastBoundAdvertPlusItsMasterDownInterval()
    {
        var lastA = T0 + TimeSpan.FromSeconds(20);
        var lastB = T0 + TimeSpan.FromSeconds(21);
        var view = View("i-a", Advert("i-a", 150, T0, advertising: false, lastAt: lastA), Advert("i-b", 100, T0, advertising: false, lastAt: lastB));
        var enters = new[] { lastA + Mdi(150), lastB + Mdi(100) }.Max();

        At(view, enters - Tick).Should().NotContain(FindingCode.NoMaster);
        At(view, enters).Should().Contain(FindingCode.NoMaster);
        At(View("i-a", Advert("i-a", 150, enters + Second)), enters + Second).Should().BeEmpty("one advertises again");
    }

    [Fact]
    public void NoMaster_NeverObservedBoundInstances_CountFromTheirBindingAtKeepalivedsDefault()
    {
        var view = View(null);

        ClusterHealth.DefaultMasterDownInterval.Should().Be(Mdi(100));
        At(view, T0 + Mdi(100) - Tick).Should().BeEmpty();
        At(view, T0 + Mdi(100)).Should().Equal(FindingCode.NoMaster);
    }

    [Fact]
    public void HolderSilent_EntersOneIntervalPlusMarginAfterTheOtherStartsWithoutClaiming_LeavesWhenItClaims()
    {
        var last = T0 + TimeSpan.FromSeconds(30);
        var takeover = last + Mdi(100);
        var silentHolder = Advert("i-a", 150, T0, advertising: false, lastAt: last);
        var view = View("i-a", silentHolder, Advert("i-b", 100, takeover));
        var enters = takeover + Second + ClusterHealth.Margin;

        At(view, enters - Tick).Should().BeEmpty();
        At(view, enters).Should().Equal(FindingCode.HolderSilent);
        At(view with { HolderId = "i-b" }, enters).Should().BeEmpty("the claim moved the holder");
    }

    [Theory]
    [InlineData("advertInterval", "i-b 2000 ms, generated keepalived.conf 1000 ms")]
    [InlineData("vrid", "i-b 52, generated keepalived.conf 51")]
    [InlineData("version", "i-b 3, generated keepalived.conf 2")]
    [InlineData("authType", "i-b None, generated keepalived.conf SimplePassword")]
    public void ConfigMismatch_NamesTheFieldAndBothValues_FromTheChange(string field, string values)
    {
        var changed = T0 + TimeSpan.FromSeconds(3);
        var b = Advert("i-b", 100, T0, advertising: false) with { ChangedAt = changed };
        b = field switch
        {
            "advertInterval" => b with { AdvertInterval = TimeSpan.FromSeconds(2) },
            "vrid" => b with { VirtualRouterId = 52 },
            "version" => b with { Version = 3 },
            _ => b with { AuthType = "None" },
        };
        var view = View("i-a", Advert("i-a", 150, T0), b);

        At(view, changed - Tick).Should().BeEmpty();
        var finding = ClusterHealth.Evaluate(view, changed).Should().ContainSingle().Subject;
        finding.Code.Should().Be(FindingCode.ConfigMismatch);
        finding.Instances.Should().Equal("i-b");
        finding.Message.Should().Contain($"{field}: {values}");
    }

    [Fact]
    public void VridConflict_AndRogueAdvert_ForeignInstances_FromTheirStart_EndWhenTheyStop()
    {
        var start = T0 + TimeSpan.FromSeconds(7);
        var otherCluster = Advert("i-x", 100, start, address: "10.0.240.99");
        var rogue = Advert("i-y", 100, start + Second, vrid: 60);
        var view = View("i-a", Advert("i-a", 150, T0), otherCluster, rogue);

        At(view, start - Tick).Should().BeEmpty();
        At(view, start).Should().Equal(FindingCode.VridConflict);
        var findings = ClusterHealth.Evaluate(view, start + Second);
        findings.Select(f => (f.Code, f.Instances.Single())).Should().Equal((FindingCode.VridConflict, "i-x"), (FindingCode.RogueAdvert, "i-y"));
        At(View("i-a", Advert("i-a", 150, T0), otherCluster with { Advertising = false }, rogue with { Advertising = false }), start + Second).Should().BeEmpty();
    }

    [Fact]
    public void HostStale_EntersWhenTheHostBecameStale_NamingHostAndInstances()
    {
        var staleSince = T0 + TimeSpan.FromSeconds(20);
        var view = View("i-a", Advert("i-a", 150, T0)) with { HostsAway = [new HostAway("hv2", ["i-b"], staleSince)] };

        At(view, staleSince - Tick).Should().NotContain(FindingCode.HostStale);
        var finding = ClusterHealth.Evaluate(view, staleSince).Should().ContainSingle(f => f.Code == FindingCode.HostStale).Subject;
        finding.Instances.Should().Equal("i-b");
        finding.Message.Should().Contain("hv2").And.Contain("i-b");
        At(view with { HostsAway = [] }, staleSince).Should().NotContain(FindingCode.HostStale, "the host is back");
    }

    [Fact]
    public void HostStale_UnknownHost_CountsFromTheBindingOfItsInstance()
    {
        var view = View("i-a", Advert("i-a", 150, T0)) with { HostsAway = [new HostAway("hv9", ["i-b"], null)] };

        var finding = ClusterHealth.Evaluate(view, T0).Should().ContainSingle(f => f.Code == FindingCode.HostStale).Subject;
        finding.Since.Should().Be(T0);
        finding.Message.Should().Contain("no agent ever registered");
    }
}
