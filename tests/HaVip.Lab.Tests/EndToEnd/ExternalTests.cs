using HaVip.Contracts.Api;
using HaVip.Lab.Topology;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>Scenario 2, external half: a client beyond the external subnet's gateway reaches an external VIP's master.</summary>
[Collection(nameof(LabCollection))]
public sealed class ExternalTests(LabFixture lab) : LabScenario(lab)
{
    [Fact]
    public async Task ClientBehindGateway_ReachesExternalVip_AnsweredByMaster_ThenBackup()
    {
        var (vip, master, backup) = await RunningPairAsync(NetworkType.External);
        await KeepalivedAcceptsConfigAsync(vip.Id, master);

        (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout, ExternalGateway.OutsideName), n => n is not null, Converge, "outside answered"))
            .Should().Be(master);

        await Bed.FailLinkAsync(master, "eth1", Ct);
        await MasterAsync(vip.Id, m => m == Bed.InstanceId(backup));
        (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout, ExternalGateway.OutsideName), n => n == backup, Converge, "backup answers outside"))
            .Should().Be(backup);
    }
}
