using HaVip.Server.Persistence;
using HaVip.Server.Tests.Fixtures;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Persistence;

/// <summary>
/// A write says what it is: its <see cref="WriteKind"/> alone decides whether its commit wakes
/// the waiters of changes. The gate and signal here are the test's own, so none of the server's
/// background writes can wake them.
/// </summary>
public sealed class WriteGateTests : IAsyncDisposable
{
    private readonly HaVipApp _app = new();
    private readonly ChangeSignal _signal = new();
    private readonly WriteGate _gate;

    public WriteGateTests() => _gate = new WriteGate(_signal);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData(nameof(WriteKind.Change), true, true)]
    [InlineData(nameof(WriteKind.Change), false, false)]
    [InlineData(nameof(WriteKind.Record), true, false)]
    [InlineData(nameof(WriteKind.Acknowledgement), true, false)]
    [InlineData(nameof(WriteKind.Contact), true, false)]
    [InlineData(nameof(WriteKind.Holder), true, false)]
    public async Task Commit_AnnouncedOnlyByAChangeThatSavedRows(string kind, bool saves, bool announced)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var next = _signal.Next;

        await _gate.RunAsync(db, async ct => saves ? await db.NextChangeSequenceAsync(ct) : 0, Kind(kind), CancellationToken.None);

        next.IsCompleted.Should().Be(announced);
    }

    [Fact]
    public async Task SilentWrite_ThenChange_OnTheSameContext_IsAnnounced()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        await _gate.RunAsync(db, db.NextChangeSequenceAsync, WriteKind.Holder, CancellationToken.None);
        var next = _signal.Next;

        await _gate.RunAsync(db, db.NextChangeSequenceAsync, CancellationToken.None);

        next.IsCompleted.Should().BeTrue("what a write announces is the write's, not left behind on the context by the one before");
    }

    [Fact]
    public async Task JoinedChange_SavesInsideTheOuterWrite_WhichAnnouncesOnce()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HaVipDbContext>();
        var next = _signal.Next;
        Task? afterFirst = null;

        var sequence = await _gate.RunAsync(db, async ct =>
        {
            var inner = await _gate.RunAsync(db, db.NextChangeSequenceAsync, ct);
            afterFirst = _signal.Next;
            next.IsCompleted.Should().BeFalse("nothing is committed before the outer write commits");
            return inner;
        }, CancellationToken.None);

        next.IsCompleted.Should().BeTrue();
        afterFirst.Should().BeSameAs(next, "the joined change did not announce on its own");
        await using var reader = _app.Services.CreateAsyncScope();
        var stored = reader.ServiceProvider.GetRequiredService<HaVipDbContext>().Sequences.AsNoTracking().Single(s => s.Name == SequenceRow.Change);
        stored.Value.Should().Be(sequence, "the joined change committed with the outer write");
    }

    private static WriteKind Kind(string name) => name switch
    {
        nameof(WriteKind.Change) => WriteKind.Change,
        nameof(WriteKind.Record) => WriteKind.Record,
        nameof(WriteKind.Acknowledgement) => WriteKind.Acknowledgement,
        nameof(WriteKind.Contact) => WriteKind.Contact,
        nameof(WriteKind.Holder) => WriteKind.Holder,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a WriteKind preset"),
    };
}
