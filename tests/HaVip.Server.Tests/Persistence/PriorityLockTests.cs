using HaVip.Server.Persistence;

namespace HaVip.Server.Tests.Persistence;

public sealed class PriorityLockTests
{
    [Fact]
    public async Task Exit_HigherLevelWaiter_EntersBeforeEarlierLowerOne()
    {
        var gate = new PriorityLock(3);
        await gate.EnterAsync(0, CancellationToken.None);
        var order = new List<string>();
        var normal = EnterAsync(gate, 0, "normal", order);
        var ack = EnterAsync(gate, 1, "ack", order);
        var holder = EnterAsync(gate, 2, "holder", order);

        gate.Exit();
        await Task.WhenAll(normal, ack, holder);

        order.Should().Equal("holder", "ack", "normal");
    }

    [Fact]
    public async Task Exit_CancelledWaiter_IsSkipped()
    {
        var gate = new PriorityLock(3);
        await gate.EnterAsync(0, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var gaveUp = gate.EnterAsync(2, cancel.Token);
        var order = new List<string>();
        var next = EnterAsync(gate, 0, "next", order);

        await cancel.CancelAsync();
        gate.Exit();

        await FluentActions.Awaiting(() => gaveUp).Should().ThrowAsync<OperationCanceledException>();
        await next;
        order.Should().Equal("next");
    }

    private static async Task EnterAsync(PriorityLock gate, int level, string name, List<string> order)
    {
        await gate.EnterAsync(level, CancellationToken.None);
        lock (order)
        {
            order.Add(name);
        }
        gate.Exit();
    }
}
