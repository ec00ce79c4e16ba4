using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using HaVip.Contracts.Api;

namespace HaVip.Server.Tests.Replicas;

/// <summary>
/// Clients hammering create, bind, unbind, replace and delete through several replicas on a small
/// shared set of instances (so the 5-per-instance quota is contended). Each client owns its
/// HAVIPs, so the last acknowledged answer for a HAVIP is its true state, and a refused request
/// must have changed nothing.
/// </summary>
internal sealed class Hammer(IReadOnlyList<Uri> replicas, SubnetDto subnet, IReadOnlyList<string> instances)
{
    private readonly ConcurrentDictionary<string, string[]> _expected = new();
    private readonly ConcurrentDictionary<string, bool> _uncertain = new();
    private readonly ConcurrentBag<string> _refusedNames = [];
    private readonly ConcurrentBag<string> _deleted = [];
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentBag<string> _badUnavailable = [];
    private readonly ConcurrentBag<string> _serverErrors = [];
    private int _transportErrors;

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int TransportErrors => _transportErrors;

    /// <summary>503 answers without a problem body or Retry-After: a clean failure has both.</summary>
    public IReadOnlyCollection<string> BadUnavailable => _badUnavailable;

    /// <summary>Every 5xx other than 503, as "METHOD path → status: body", for a failure to name.</summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    public Task RunAsync(int clients, TimeSpan duration, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => ClientAsync(c, duration, ct)));

    /// <summary>Checks the rules and every acknowledged write against what a replica serves now.</summary>
    public async Task VerifyAsync(Uri replica)
    {
        using var http = new HttpClient { BaseAddress = replica }.WithKey();
        var api = new ApiClient(http);
        var vips = new List<HaVipDto>();
        string? token = null;
        do
        {
            var page = await api.GetAsync<Page<HaVipDto>>($"/v1/havips?subnetId={subnet.Id}&pageSize=100" + (token is null ? "" : $"&pageToken={token}"));
            vips.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token is not null);

        vips.Should().OnlyContain(v => v.InstanceIds.Count <= 3);
        vips.SelectMany(v => v.InstanceIds).GroupBy(i => i).Should().OnlyContain(g => g.Count() <= 5);
        vips.Select(v => v.IpAddress).Should().OnlyHaveUniqueItems();
        var byId = vips.ToDictionary(v => v.Id);
        foreach (var (id, instanceIds) in _expected.Where(e => !_uncertain.ContainsKey(e.Key)))
        {
            byId.Should().ContainKey(id, "an acknowledged create is never lost");
            byId[id].InstanceIds.Should().BeEquivalentTo(instanceIds, $"the last acknowledged change of {id} holds");
        }
        foreach (var id in _deleted)
        {
            byId.Should().NotContainKey(id, "an acknowledged delete holds");
        }
        vips.Select(v => v.Name).Should().NotIntersectWith(_refusedNames, "a refused create leaves nothing behind");
    }

    private async Task ClientAsync(int client, TimeSpan duration, CancellationToken ct)
    {
        var random = new Random(client);
        var clients = replicas.Select(r => new HttpClient { BaseAddress = r, Timeout = TimeSpan.FromSeconds(15) }.WithKey()).ToArray();
        var mine = new List<string>();
        var until = DateTime.UtcNow + duration;
        for (var step = 0; DateTime.UtcNow < until && !ct.IsCancellationRequested; step++)
        {
            var http = clients[(client + step) % clients.Length];
            try
            {
                await StepAsync(http, random, mine, $"c{client}-{step}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
            {
                // The replica went away mid-request: this request's outcome is unknown. (A
                // connection that dies while being set up can surface as a bare SocketException,
                // "Transport endpoint is not connected", not wrapped in HttpRequestException.)
                Interlocked.Increment(ref _transportErrors);
                foreach (var id in mine)
                {
                    _uncertain[id] = true;
                }
                mine.Clear();
            }
        }
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    private async Task StepAsync(HttpClient http, Random random, List<string> mine, string name)
    {
        var roll = random.Next(10);
        if (mine.Count == 0 || roll < 3)
        {
            var chosen = Pick(random, random.Next(4));
            var response = await http.PostAsJsonAsync("/v1/havips", new CreateHaVipRequest(name, NetworkType.Internal, subnet.Id, InstanceIds: chosen), ApiClient.Json);
            if (await RecordAsync(response) is { } vip)
            {
                mine.Add(vip.Id);
            }
            else if ((int)response.StatusCode is >= 400 and < 500)
            {
                _refusedNames.Add(name);
            }
            return;
        }
        var target = mine[random.Next(mine.Count)];
        HttpResponseMessage answer = roll switch
        {
            < 5 => await http.PostAsJsonAsync($"/v1/havips/{target}/instances", new AddInstanceRequest(Pick(random, 1)[0]), ApiClient.Json),
            < 7 => await http.DeleteAsync($"/v1/havips/{target}/instances/{Pick(random, 1)[0]}"),
            < 9 => await http.PutAsJsonAsync($"/v1/havips/{target}/instances", new ReplaceInstancesRequest(Pick(random, random.Next(4))), ApiClient.Json),
            _ => await http.DeleteAsync($"/v1/havips/{target}"),
        };
        if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            // The database went away around the commit: the change may or may not have landed.
            _uncertain[target] = true;
        }
        if (roll == 9 && answer.StatusCode == HttpStatusCode.NoContent)
        {
            await CountAsync(answer);
            mine.Remove(target);
            _expected.TryRemove(target, out _);
            _deleted.Add(target);
            return;
        }
        await RecordAsync(answer);
    }

    private async Task<HaVipDto?> RecordAsync(HttpResponseMessage response)
    {
        await CountAsync(response);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable
            && (response.Headers.RetryAfter is null || response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
        {
            _badUnavailable.Add(await response.Content.ReadAsStringAsync());
        }
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
        {
            return null;
        }
        var vip = (await response.Content.ReadFromJsonAsync<HaVipDto>(ApiClient.Json))!;
        _expected[vip.Id] = [.. vip.InstanceIds];
        return vip;
    }

    private async Task CountAsync(HttpResponseMessage response)
    {
        _statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.ServiceUnavailable)
        {
            _serverErrors.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private string[] Pick(Random random, int count) => instances.OrderBy(_ => random.Next()).Take(count).ToArray();
}
