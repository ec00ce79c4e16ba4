using HaVip.Vrrp.Machine;
using HaVip.Vrrp.Tracking;

namespace HaVip.Vrrp.Tests.Machine;

/// <summary>keepalived 2.2.7 track_file.c: the file's number times the weight; -254 and below is FAULT.</summary>
public sealed class TrackFileTests
{
    [Theory]
    [InlineData(-10, false, 3, 80)]
    [InlineData(5, true, 2, 100)]
    [InlineData(1, false, 500, 254)]
    [InlineData(-100, false, 2, 1)]
    public void Value_TimesWeight_AdjustsPriority(int weight, bool reverse, int value, int expected)
    {
        var lan = new SimulatedLan();
        lan.Add("a", 110, 1, o => o with { Tracked = [new TrackedObject(TrackKind.File, "f", weight, reverse)] });
        lan.Start("a");

        lan.Send(lan["a"], new TrackFileRead("f", value));

        lan["a"].Router.Priority.Should().Be((byte)expected);
        lan["a"].State.Should().NotBe(VrrpState.Fault);
    }

    [Fact]
    public void Value_MasterFileRaisesNumber_BackupPreempts()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 110, 1, o => o with { Tracked = [new TrackedObject(TrackKind.File, "f", -10)] });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));
        lan.Masters.Should().Equal("a");

        lan.Send(lan["a"], new TrackFileRead("f", 2));
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.Masters.Should().Equal("b");
        lan["a"].Router.Priority.Should().Be(90);
    }

    [Theory]
    [InlineData(0, false, 1, true)]
    [InlineData(0, false, 0, false)]
    [InlineData(0, true, 0, true)]
    [InlineData(0, true, 7, false)]
    [InlineData(2, false, -127, true)]
    [InlineData(2, false, -126, false)]
    public void Fault_WeightZeroNonZeroValueOrResultAtMinus254(int weight, bool reverse, int value, bool faulted)
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Tracked = [new TrackedObject(TrackKind.File, "f", weight, reverse)] });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));

        lan.Send(lan["a"], new TrackFileRead("f", value));

        (lan["a"].State == VrrpState.Fault).Should().Be(faulted);
    }

    [Fact]
    public void Fault_FileBackToZero_LeavesFault()
    {
        var lan = new SimulatedLan();
        lan.Add("a", 150, 1, o => o with { Tracked = [new TrackedObject(TrackKind.File, "f", 0)] });
        lan.Add("b", 100, 2);
        lan.Start("a", "b");
        lan.RunFor(TimeSpan.FromSeconds(10.5));
        lan.Send(lan["a"], new TrackFileRead("f", 1));
        lan["a"].State.Should().Be(VrrpState.Fault);

        lan.Send(lan["a"], new TrackFileRead("f", 0));
        lan.RunFor(TimeSpan.FromSeconds(10));

        lan.Masters.Should().Equal("a");
    }

    [Theory]
    [InlineData("5\n", 5)]
    [InlineData("  -12 trailing", -12)]
    [InlineData("0x10", 16)]
    [InlineData("010", 8)]
    [InlineData("+3", 3)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    public void Parse_LikeStrtolBaseZero(string text, int expected) =>
        TrackFileValue.Parse(text).Should().Be(expected);

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("99999999999999999999999")]
    public void Parse_OutOfIntRange_IsIgnored(string text) =>
        TrackFileValue.Parse(text).Should().BeNull("keepalived logs 'Invalid number' and keeps the last value");
}
