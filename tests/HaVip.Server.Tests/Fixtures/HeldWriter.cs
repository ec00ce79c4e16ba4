using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HaVip.Server.Tests.Fixtures;

/// <summary>
/// Holds a server's write gate with one open write until disposed, so a test can tell what is
/// answered without a write (it completes meanwhile) from what waits for the writer.
/// </summary>
internal sealed class HeldWriter : IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _write = Task.CompletedTask;

    public static async Task<HeldWriter> HoldAsync(HaVipApp app)
    {
        var held = new HeldWriter();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        held._write = app.ScopedAsync(sp => sp.GetRequiredService<WriteGate>().RunAsync(sp.GetRequiredService<HaVipDbContext>(), async _ =>
        {
            entered.TrySetResult();
            await held._release.Task;
            return true;
        }, WriteKind.Holder, CancellationToken.None));
        await Task.WhenAny(entered.Task, held._write).WaitAsync(TimeSpan.FromSeconds(30));
        entered.Task.IsCompleted.Should().BeTrue($"the held write did not start: {held._write.Exception}");
        return held;
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        await _write;
    }
}
