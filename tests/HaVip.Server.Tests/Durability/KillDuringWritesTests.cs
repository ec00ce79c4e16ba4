using System.Net;
using System.Net.Http.Json;
using HaVip.Contracts.Api;

namespace HaVip.Server.Tests.Durability;

/// <summary>
/// A server killed with SIGKILL in the middle of a stream of writes restarts to a consistent
/// database: no HAVIP over 3 instances, no instance over 5, no orphaned binding, and every
/// acknowledged write present.
/// </summary>
public sealed class KillDuringWritesTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "havip-durability-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Sigkill_DuringWrites_RestartsConsistentWithEveryAcknowledgedWrite()
    {
        Dictionary<string, string[]> acknowledged;
        HashSet<string> deleted;
        string? uncertain;
        string vpcId;
        string[] instanceIds;
        await using (var server = await ServerProcess.StartAsync(_dataDir, "--no-demo"))
        {
            var api = new ApiClient(server.Client());
            var (vpc, subnet) = await api.NetworkAsync();
            vpcId = vpc.Id;
            instanceIds = (await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.InstanceAsync(vpc.Id, subnet.Id)))).Select(i => i.Id).ToArray();
            var writer = new Writer(api, subnet, instanceIds);
            using var stop = new CancellationTokenSource();
            var writing = writer.RunAsync(stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
            server.Kill();
            await stop.CancelAsync();
            await writing;
            writer.Acknowledged.Should().NotBeEmpty("the stream must have written something before the kill");
            acknowledged = writer.Acknowledged;
            deleted = writer.Deleted;
            uncertain = writer.InFlight;
        }

        await using var restarted = await ServerProcess.StartAsync(_dataDir, "--no-demo");
        var after = new ApiClient(restarted.Client());
        var vips = await AllAsync(after, vpcId);
        var byId = vips.ToDictionary(v => v.Id);

        vips.Should().OnlyContain(v => v.InstanceIds.Count <= 3);
        vips.SelectMany(v => v.InstanceIds).Should().OnlyContain(id => instanceIds.Contains(id), "no binding to a missing instance");
        vips.SelectMany(v => v.InstanceIds).GroupBy(id => id).Should().OnlyContain(g => g.Count() <= 5);
        vips.Select(v => v.IpAddress).Should().OnlyHaveUniqueItems();
        foreach (var (id, instances) in acknowledged)
        {
            // The one request in flight at the kill may or may not have landed (a delete or a
            // rebinding of `uncertain`); everything acknowledged before it must have.
            if (id == uncertain)
            {
                continue;
            }
            if (deleted.Contains(id))
            {
                byId.Should().NotContainKey(id);
                continue;
            }
            byId.Should().ContainKey(id);
            byId[id].InstanceIds.Should().BeEquivalentTo(instances);
        }
        var instancesAfter = (await after.GetAsync<Page<InstanceDto>>($"/v1/instances?vpcId={vpcId}")).Items;
        foreach (var instance in instancesAfter)
        {
            instance.HaVipCount.Should().Be(vips.Count(v => v.InstanceIds.Contains(instance.Id)));
        }
    }

    private static async Task<List<HaVipDto>> AllAsync(ApiClient api, string vpcId)
    {
        var all = new List<HaVipDto>();
        string? token = null;
        do
        {
            var page = await api.GetAsync<Page<HaVipDto>>($"/v1/havips?vpcId={vpcId}&pageSize=100" + (token is null ? "" : $"&pageToken={token}"));
            all.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);
        return all;
    }

    /// <summary>One client writing as fast as it can: creates, binds, unbinds and deletes, remembering what was acknowledged.</summary>
    private sealed class Writer(ApiClient api, SubnetDto subnet, string[] instances)
    {
        private readonly Random _random = new(42);

        public Dictionary<string, string[]> Acknowledged { get; } = [];

        public HashSet<string> Deleted { get; } = [];

        /// <summary>The HAVIP a change was being made to when the server died (its outcome is unknown).</summary>
        public string? InFlight { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    await StepAsync();
                }
            }
            catch (HttpRequestException)
            {
                // The server died mid-request: that request's outcome is unknown, and that is the point.
            }
            catch (TaskCanceledException)
            {
            }
        }

        private async Task StepAsync()
        {
            var live = Acknowledged.Keys.Except(Deleted).ToArray();
            var roll = _random.Next(10);
            if (live.Length < 3 || roll < 4)
            {
                var chosen = instances.OrderBy(_ => _random.Next()).Take(_random.Next(4)).ToArray();
                var response = await api.PostAsync("/v1/havips", new CreateHaVipRequest("d", NetworkType.Internal, subnet.Id, InstanceIds: chosen));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var vip = (await response.Content.ReadFromJsonAsync<HaVipDto>(ApiClient.Json))!;
                    Acknowledged[vip.Id] = [.. vip.InstanceIds];
                }
                return;
            }
            var target = live[_random.Next(live.Length)];
            InFlight = target;
            if (roll < 8)
            {
                var chosen = instances.OrderBy(_ => _random.Next()).Take(_random.Next(4)).ToArray();
                var response = await api.PutAsync($"/v1/havips/{target}/instances", new ReplaceInstancesRequest(chosen));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Acknowledged[target] = [.. (await response.Content.ReadFromJsonAsync<HaVipDto>(ApiClient.Json))!.InstanceIds];
                }
            }
            else if ((await api.Http.DeleteAsync($"/v1/havips/{target}")).StatusCode == HttpStatusCode.NoContent)
            {
                Deleted.Add(target);
            }
            InFlight = null;
        }
    }
}
