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
        var buffer = loop.Buffers.Rent(40);

        loop.PostDatagram("eth0", buffer, 40);
        await loop.InvokeAsync(() => true).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken); // the loop handles its queue in order

        loop.Buffers.Rent(40).Should().BeSameAs(buffer);
    }

    [Fact]
    public void Return_BeyondMaxKept_LeftToTheCollector()
    {
        var buffers = new DatagramBuffers(2048);
        var rented = Enumerable.Range(0, DatagramBuffers.MaxKept + 10).Select(_ => buffers.Rent(40)).ToList();

        foreach (var b in rented)
            buffers.Return(b);
        buffers.Return(new byte[8]); // not of either size: ignored

        buffers.Kept.Should().Be(DatagramBuffers.MaxKept);
        rented.Should().Contain(buffers.Rent(40));
        buffers.Kept.Should().Be(DatagramBuffers.MaxKept - 1);
    }

    /// <summary>
    /// The free list fills up to the most datagrams ever queued at once: at 1,000 instances all
    /// <see cref="DatagramBuffers.MaxKept"/> of them, which with 2 KB buffers for 40-byte adverts
    /// was a quarter of the live heap (docs/benchmarks.md). An advert travels in a buffer of
    /// <see cref="DatagramBuffers.SmallSize"/>, and a full free list holds at most that many of them.
    /// </summary>
    [Fact]
    public void Rent_Advert_SmallBufferAndAFullFreeListStaysSmall()
    {
        var buffers = new DatagramBuffers(InstanceLoop.MaxDatagram);
        var rented = Enumerable.Range(0, DatagramBuffers.MaxKept).Select(_ => buffers.Rent(40)).ToList();

        foreach (var b in rented)
            buffers.Return(b);

        rented.Should().AllSatisfy(b => b.Length.Should().BeInRange(40, 128));
        rented.Sum(b => (long)b.Length).Should().BeLessThanOrEqualTo(DatagramBuffers.MaxKept * 128L);
    }

    [Fact]
    public void Rent_LargeDatagram_LargeBufferKeptApart()
    {
        var buffers = new DatagramBuffers(InstanceLoop.MaxDatagram);
        var large = buffers.Rent(DatagramBuffers.SmallSize + 1);
        var small = buffers.Rent(DatagramBuffers.SmallSize);

        large.Length.Should().Be(InstanceLoop.MaxDatagram);
        small.Length.Should().Be(DatagramBuffers.SmallSize);
        buffers.Return(large);
        buffers.Return(small);
        (buffers.Kept, buffers.KeptLarge).Should().Be((1, 1));
        buffers.Rent(1500).Should().BeSameAs(large);
        buffers.Rent(64).Should().BeSameAs(small);
        FluentActions.Invoking(() => buffers.Rent(InstanceLoop.MaxDatagram + 1)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
