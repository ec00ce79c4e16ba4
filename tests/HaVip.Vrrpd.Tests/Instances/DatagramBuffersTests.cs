using HaVip.Vrrpd.Instances;

namespace HaVip.Vrrpd.Tests.Instances;

public sealed class DatagramBuffersTests
{
    /// <summary>
    /// A receive thread rents, the loop hands back: the next datagram travels in the same buffer,
    /// so the running daemon receives without allocating (docs/benchmarks.md: ArrayPool's shared
    /// pool gave the Native AOT build a new 2 KB array for nearly every advert).
    /// </summary>
    [Fact]
    public async Task PostDatagram_HandledByTheLoop_ItsBufferIsRentedAgain()
    {
        using var loop = new InstanceLoop(TimeProvider.System);
        var buffer = loop.Buffers.Rent();

        loop.PostDatagram("eth0", buffer, 40);
        await loop.InvokeAsync(() => true).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // the loop handles its queue in order

        loop.Buffers.Rent().Should().BeSameAs(buffer);
    }

    [Fact]
    public void Return_BeyondMaxKept_LeftToTheCollector()
    {
        var buffers = new DatagramBuffers(16);
        var rented = Enumerable.Range(0, DatagramBuffers.MaxKept + 10).Select(_ => buffers.Rent()).ToList();

        foreach (var b in rented)
            buffers.Return(b);
        buffers.Return(new byte[8]); // not of its size: ignored

        buffers.Kept.Should().Be(DatagramBuffers.MaxKept);
        rented.Should().Contain(buffers.Rent());
        buffers.Kept.Should().Be(DatagramBuffers.MaxKept - 1);
    }
}
