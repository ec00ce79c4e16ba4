using System.Diagnostics;
using HaVip.Domain.Keepalived;
using HaVip.Linux.Commands;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>`havip lab fail --kill`: the master's VRRP SIGKILLed, no goodbye advert; the backup must find out by silence.</summary>
[Collection(nameof(LabCollection))]
public sealed class CrashFailoverTests(LabFixture lab) : LabScenario(lab)
{
    /// <summary>
    /// RFC 5798 §6.1 Master_Down_Interval = 3 × Advertisement_Interval + Skew_Time, Skew_Time =
    /// (256 − Priority) / 256 s, for the configuration the server generates (advert_int 1, priority 100).
    /// </summary>
    internal static readonly TimeSpan MasterDownInterval = TimeSpan.FromSeconds(3 * KeepalivedConfigRenderer.AdvertIntervalSeconds + (256 - KeepalivedConfigRenderer.Priority) / 256.0);

    /// <summary>
    /// The margin on a loaded machine: keepalived's and the agent's scheduling, the holder report
    /// and its write, the 700 ms probe that was in flight, and the test's 100 ms polling.
    /// </summary>
    internal static readonly TimeSpan Margin = TimeSpan.FromSeconds(3);

    /// <summary>The new master's GARP (IPv6: unsolicited NA) goes out as it takes over; the agent reports it at once.</summary>
    internal static readonly TimeSpan Bound = MasterDownInterval + Margin;

    [Fact]
    public async Task KilledMaster_BackupAnswers_ApiMasterMoves_WithinMasterDownInterval()
    {
        var (vip, master, backup) = await RunningPairAsync();
        var prefix = (await Bed.SubnetsAsync(Ct)).First(s => s.Id == vip.SubnetId).Cidr.Split('/')[1];
        try
        {
            var sinceKill = Stopwatch.StartNew();
            await Bed.KillVrrpAsync(master);

            (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout), n => n == backup, Bound, "the backup answers after the master's VRRP was killed"))
                .Should().Be(backup);
            var left = Bound - sinceKill.Elapsed;
            (await Eventually.GetAsync(() => Bed.Api.GetHaVipAsync(vip.Id, Ct), v => v.MasterInstanceId == Bed.InstanceId(backup), left > TimeSpan.Zero ? left : TimeSpan.Zero,
                "the API's master moves to the backup")).MasterInstanceId.Should().Be(Bed.InstanceId(backup));
        }
        finally
        {
            // A killed keepalived leaves the VIP on its interface: it would answer for a later test's HAVIP at the same address.
            await new CommandRunner().RunAsync("ip", ["netns", "exec", Bed.Names.Vm(master), "ip", "addr", "del", $"{vip.IpAddress}/{prefix}", "dev", "eth0"], ct: CancellationToken.None);
        }
    }
}
