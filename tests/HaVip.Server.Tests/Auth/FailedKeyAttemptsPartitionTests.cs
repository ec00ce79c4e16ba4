using System.Net;
using HaVip.Server.Access;

namespace HaVip.Server.Tests.Auth;

public sealed class FailedKeyAttemptsPartitionTests
{
    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    public void PartitionOf_IPv4Address_OrIPv6Slash64(string address, string partition) =>
        FailedKeyAttempts.PartitionOf(IPAddress.Parse(address)).Should().Be(partition);

    [Fact]
    public void PartitionOf_NoAddress_IsOnePartition() => FailedKeyAttempts.PartitionOf(null).Should().Be("");
}
