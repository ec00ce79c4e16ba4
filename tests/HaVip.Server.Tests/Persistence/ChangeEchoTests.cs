using HaVip.Server.Persistence;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// A commit wakes this server's long-polling agents once, at commit. On PostgreSQL the same commit's
/// NOTIFY comes back to this server's own listener a moment later: that echo is dropped, or every
/// agent the change woke would be woken a second time to find nothing new (and a test that took the
/// signal after an API call saw it fire for a change it had already seen).
/// </summary>
public sealed class ChangeEchoTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Commit_WakesThisServersLongPollsOnce_ItsOwnNotificationComingBackIsDropped()
    {
        var api = _app.Api;
        var listener = _app.Services.GetService<PostgresChangeListener>();
        if (!TestDatabase.UsesPostgres)
        {
            listener.Should().BeNull("one SQLite process has no other replica to listen to");
            return;
        }
        await listener!.Listening.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var echoes = listener.Echoes;

        await api.VpcAsync();
        var next = _app.Services.GetRequiredService<ChangeSignal>().Next;
        await Eventually.GetAsync(() => Task.FromResult(listener.Echoes), n => n > echoes, TimeSpan.FromSeconds(30), "the VPC's own NOTIFY back at this server's listener");

        next.IsCompleted.Should().BeFalse("the commit woke this server's long-polls already; its echo is not a second change");
    }

    [Theory]
    [InlineData(true, "a1")]
    [InlineData(false, "b2")]
    [InlineData(true, null)]
    [InlineData(false, null)]
    public void Payload_CarriesWhetherKeysChangedAndTheSender(bool keysChanged, string? sender) =>
        PostgresHaVipDbContext.ReadPayload(PostgresHaVipDbContext.Payload(keysChanged, sender)).Should().Be((keysChanged, sender));

    [Fact]
    public void Payload_ThatIsNotOurs_CountsAsAKeyChangeFromNobodyKnown() =>
        PostgresHaVipDbContext.ReadPayload("").Should().Be((true, (string?)null));
}
