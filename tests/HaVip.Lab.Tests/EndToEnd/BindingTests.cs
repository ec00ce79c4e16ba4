using HaVip.Contracts.Api;
using HaVip.Contracts.Client;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>Scenario 5: what may claim a VIP follows the bindings, at once, on every host.</summary>
[Collection(nameof(LabCollection))]
public sealed class BindingTests(LabFixture lab) : LabScenario(lab)
{
    [Fact]
    public async Task UnboundBackup_NeverClaims_RebindLetsItAgain()
    {
        var (vip, master, backup) = await RunningPairAsync();
        var backupId = Bed.InstanceId(backup);
        (await Bed.Api.Http.DeleteAsync($"/v1/havips/{vip.Id}/instances/{backupId}", Ct)).EnsureSuccessStatusCode();
        await AvailableAsync(vip.Id);

        // The master fails; the unbound backup's keepalived takes over, but its claims are dropped.
        await Bed.FailLinkAsync(master, ct: Ct);
        await Eventually.GetAsync(() => Bed.Api.EventsAsync(vip.Id, Ct),
            e => e.Any(x => x.Kind == "spoofAttempt" && x.InstanceId == backupId), Converge, "spoof attempt");
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().BeNull();
        (await Bed.Api.GetHaVipAsync(vip.Id, Ct)).MasterInstanceId.Should().Be(Bed.InstanceId(master));

        // Rebound, its next claim (keepalived restarted: a fresh transition to master) wins.
        using var _ = await Bed.Api.Http.PostAsync($"/v1/havips/{vip.Id}/instances",
            System.Net.Http.Json.JsonContent.Create(new AddInstanceRequest(backupId), options: ApiJson.Options), Ct);
        await AvailableAsync(vip.Id);
        await Bed.StopVrrpAsync(backup);
        await StartVrrpAsync(vip, backup);
        await MasterAsync(vip.Id, m => m == backupId);
        (await Eventually.GetAsync(() => Bed.ProbeAsync(vip.IpAddress, ProbeTimeout), n => n == backup, Converge, "rebound backup answers")).Should().Be(backup);
    }

    [Fact]
    public async Task DeletedHaVip_RulesRemoved_FormerMasterClaimsDropped()
    {
        var (vip, master, _) = await RunningPairAsync();
        (await Bed.RulesetAsync(Bed.HostOf(master), handles: false, Ct)).Should().Contain(vip.IpAddress);

        await Bed.Api.DeleteHaVipAsync(vip.Id, Ct);
        Vips.Remove(vip.Id);
        await Eventually.GetAsync(async () => (await Bed.Api.ListHaVipsAsync(new HaVipListFilter(), new PageRequest(100, null), Ct)).Items.Any(v => v.Id == vip.Id), gone => !gone, Converge, "HAVIP removed");

        foreach (var host in Bed.State.Hosts.Values.Distinct())
        {
            (await Bed.RulesetAsync(host, handles: false, Ct)).Should().NotContain(vip.IpAddress);
        }
        // keepalived still holds the address; the client's fresh ARP for it finds no one.
        await Bed.FlushNeighboursAsync(LabSpec.ClientName, Ct);
        (await Bed.ProbeAsync(vip.IpAddress, ProbeTimeout)).Should().BeNull();
    }
}
