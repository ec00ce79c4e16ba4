using System.Net;
using HaVip.Agent.Reports;
using HaVip.Agent.Sync;
using HaVip.Agent.Tests.Sync;
using HaVip.Contracts.Agents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Agent.Tests.Reports;

public sealed class ReporterTests
{
    [Fact]
    public async Task Holder_CarriesAgeOnTheMonotonicClock_NotTheWallClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var server = new FakeServer(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var reporter = new Reporter(new ServerClient(server.Client, "hv1"), time, NullLogger<Reporter>.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // A wall clock years ahead orders nothing: only the age does.
        reporter.Holder(new HolderReport("havip-abcdefgh", "i-abcdefgh", new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc)), time.GetTimestamp());
        time.Advance(TimeSpan.FromMilliseconds(2500));

        var running = reporter.RunAsync(stop.Token);
        var sent = await server.NextAsync("POST /agent/v1/holders", TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await FakeServer.StoppedAsync(running);

        sent.Body.Should().Contain("\"ageMilliseconds\":2500");
    }
}
