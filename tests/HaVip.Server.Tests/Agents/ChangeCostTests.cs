using HaVip.Contracts.Api;
using HaVip.Domain.HaVips;
using HaVip.Server.HaVips;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Agents;

/// <summary>
/// What a binding change costs the one writer: its hosts' apply rows are required again in one
/// statement, however many hosts carry the subnet (SQLite runs EF Core's row updates one command
/// each: at the region's 11 hosts a subnet, those were 11 of a change's 25 commands). Runs on
/// SQLite, and on PostgreSQL when HAVIP_TEST_POSTGRES is set.
/// </summary>
public sealed class ChangeCostTests : IAsyncDisposable
{
    private static readonly string[] Hosts = ["hv1", "hv2", "hv3", "hv4", "hv5", "hv6"];
    // Before the server: its contexts then report every command from their first on (CommandCounter).
    private readonly CommandCounter _commands = new();
    private readonly HaVipApp _app = new();
    private readonly AgentWorld _world;

    public ChangeCostTests() => _world = new AgentWorld(_app);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _commands.Dispose();
    }

    [Fact]
    public async Task BindingChange_RequiresItsHostsInOneStatement_AndStoresTheRowsAsTheAggregateSetThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subnet, instances) = await OneSubnetOnEveryHostAsync();
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [instances[0].Id, instances[1].Id]);
        // hv1 reports an error for the HAVIP: the change must clear it with the new requirement.
        await _app.ScopedAsync(async sp =>
        {
            var db = sp.GetRequiredService<HaVipDbContext>();
            await db.HostApplies.Where(h => h.HaVipId == vip.Id && h.Host == "hv1")
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Error, "nft: no such device"), ct);
            return 0;
        });

        var changed = await _commands.CountAsync(() => _app.ScopedAsync(sp =>
            sp.GetRequiredService<HaVipService>().ReplaceInstancesAsync(new HaVipTarget(vip.Id), [instances[2].Id, instances[3].Id], ct)));

        var updates = HostRowUpdates();
        updates.Should().ContainSingle($"the {Hosts.Length} hosts' rows are required again in one statement; the change ran:{Environment.NewLine}"
            + string.Join(Environment.NewLine + "--" + Environment.NewLine, _commands.Commands));
        var reads = _commands.Commands.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.Ordinal) && !c.Contains("COUNT(", StringComparison.OrdinalIgnoreCase)
            && (c.Contains("havip_host_applies", StringComparison.Ordinal) || c.Contains("havip_bindings", StringComparison.Ordinal))).ToArray();
        reads.Should().ContainSingle("the HAVIP is read with its bindings and its hosts' rows in one command").Which
            .Should().Contain("havip_host_applies").And.Contain("havip_bindings");
        var rows = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().HostApplies.AsNoTracking()
            .Where(h => h.HaVipId == vip.Id).OrderBy(h => h.Host).ToListAsync(ct));
        rows.Select(r => r.Host).Should().Equal(Hosts);
        rows.Should().OnlyContain(r => r.RequiredGeneration == changed.Generation && r.Error == null,
            "every host must apply the change's generation, and hv1's old error no longer stands");
        var stored = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().HaVips.AsNoTracking().SingleAsync(h => h.Id == vip.Id, ct));
        stored.Status.Should().Be(HaVipStatus.Creating);
        stored.Generation.Should().Be(changed.Generation);
    }

    [Fact]
    public async Task ChangeAfterAHostLeftTheSubnet_DropsItsRow_AndRequiresTheOthers()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subnet, instances) = await OneSubnetOnEveryHostAsync();
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [instances[0].Id, instances[1].Id]);
        // hv6's only instance leaves: hv6 no longer carries the subnet.
        (await _world.Api.Http.DeleteAsync($"/v1/instances/{instances[5].Id}", ct)).IsSuccessStatusCode.Should().BeTrue();

        var changed = await _app.ScopedAsync(sp =>
            sp.GetRequiredService<HaVipService>().ReplaceInstancesAsync(new HaVipTarget(vip.Id), [instances[2].Id], ct));

        var rows = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().HostApplies.AsNoTracking()
            .Where(h => h.HaVipId == vip.Id).OrderBy(h => h.Host).ToListAsync(ct));
        rows.Select(r => r.Host).Should().Equal(Hosts[..5]);
        rows.Should().OnlyContain(r => r.RequiredGeneration == changed.Generation);
    }

    [Fact]
    public async Task DeleteWhileHostsCarryIt_RequiresTheirRemovalInOneStatement()
    {
        var ct = TestContext.Current.CancellationToken;
        var (subnet, instances) = await OneSubnetOnEveryHostAsync();
        var vip = await _world.Api.HaVipAsync(subnet, instanceIds: [instances[0].Id, instances[1].Id]);
        foreach (var host in Hosts)
        {
            await _world.AckAsync(host, (await _world.DesiredAsync(host)).Sequence);
        }
        await Eventually.GetAsync(() => _world.GetVipAsync(vip.Id), v => v.Status == HaVipState.Available, TimeSpan.FromSeconds(20), "the HAVIP available once every host acked");

        var deleting = await _commands.CountAsync(() => _app.ScopedAsync(sp =>
            sp.GetRequiredService<HaVipService>().DeletingAsync(new HaVipTarget(vip.Id), ct)));

        deleting.Should().NotBeNull("the hosts still carry it: it is deleting until they removed it");
        HostRowUpdates().Should().ContainSingle($"the {Hosts.Length} hosts' rows are required again in one statement");
        var rows = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().HostApplies.AsNoTracking()
            .Where(h => h.HaVipId == vip.Id).ToListAsync(ct));
        rows.Select(r => r.Host).Should().BeEquivalentTo(Hosts);
        rows.Should().OnlyContain(r => r.RequiredGeneration == deleting!.Generation, "every host must remove it");
        var stored = await _app.ScopedAsync(sp => sp.GetRequiredService<HaVipDbContext>().HaVips.AsNoTracking().SingleAsync(h => h.Id == vip.Id, ct));
        stored.Status.Should().Be(HaVipStatus.Deleting);
    }

    /// <summary>
    /// The statements that update hosts' apply rows, each counted: PostgreSQL's provider sends a
    /// save's statements as one command (and names tables unquoted), SQLite's one command each.
    /// </summary>
    private string[] HostRowUpdates() =>
        [.. _commands.Commands.SelectMany(c => c.Split(';')).Select(s => s.Trim())
            .Where(s => s.StartsWith("UPDATE", StringComparison.Ordinal) && s.Contains("havip_host_applies", StringComparison.Ordinal))];

    private Task<(SubnetDto Subnet, InstanceDto[] Instances)> OneSubnetOnEveryHostAsync() => _world.OneSubnetOnEveryHostAsync(Hosts);
}
