using System.Net.Sockets;
using HaVip.Linux.Sockets;

namespace HaVip.Linux.Tests.Sockets;

/// <summary>Real raw sockets on loopback (root, as havipd runs); nothing is sent.</summary>
public sealed class VrrpSocketTests
{
    /// <summary>
    /// Each interface's receive thread waits in bounded slices to see its stop flag. A quiet
    /// slice used to end in a SocketException (SO_RCVTIMEO), a few kilobytes of garbage each, four
    /// times a second per interface: the running daemon's heap grew from it (docs/benchmarks.md).
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public void Receive_NothingArrives_ReturnsZeroWithoutAllocating(AddressFamily family)
    {
        using var socket = VrrpSocket.Open("lo", 1, family, joinMulticast: false);
        var buffer = new byte[2048];
        socket.Receive(buffer, TimeSpan.FromMilliseconds(1)).Should().Be(0); // first call: lazy set-up

        var before = GC.GetAllocatedBytesForCurrentThread();
        var received = 0;
        for (var i = 0; i < 3; i++)
            received += socket.Receive(buffer, TimeSpan.FromMilliseconds(5));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        received.Should().Be(0, "nothing sends protocol 112 on loopback here");
        allocated.Should().Be(0, "a quiet wait is not an exception");
    }
}
