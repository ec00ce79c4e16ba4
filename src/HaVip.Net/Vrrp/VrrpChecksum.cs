using System.Net;
using System.Net.Sockets;
using HaVip.Net.Checksums;

namespace HaVip.Net.Vrrp;

/// <summary>
/// The VRRP checksum: v2 sums the VRRP message only (RFC 3768 §5.3.8); v3 prepends the
/// IPv4 or IPv6 pseudo-header (RFC 5798 §5.2.8, RFC 768 / RFC 8200 §8.1).
/// </summary>
internal static class VrrpChecksum
{
    /// <summary>The raw sum of the message (checksum field as it stands) and pseudo-header.</summary>
    public static ulong Sum(VrrpVersion version, ReadOnlySpan<byte> message, IPAddress source, IPAddress destination)
    {
        var sum = InternetChecksum.Add(0, message);
        if (version == VrrpVersion.V2)
            return sum;
        Span<byte> address = stackalloc byte[16];
        source.TryWriteBytes(address, out var length);
        sum = InternetChecksum.Add(sum, address[..length]);
        destination.TryWriteBytes(address, out length);
        sum = InternetChecksum.Add(sum, address[..length]);
        // Both pseudo-header forms reduce to protocol + upper-layer length as 16-bit words,
        // since a VRRP message is far shorter than 64 KiB.
        sum = InternetChecksum.Add(sum, VrrpProtocol.ProtocolNumber);
        return InternetChecksum.Add(sum, (ushort)message.Length);
    }

    public static bool IsValid(VrrpVersion version, ReadOnlySpan<byte> message, IPAddress source, IPAddress destination) =>
        InternetChecksum.Finish(Sum(version, message, source, destination)) == 0;

    public static ushort Compute(VrrpVersion version, ReadOnlySpan<byte> message, IPAddress source, IPAddress destination) =>
        InternetChecksum.Finish(Sum(version, message, source, destination));

    public static int AddressLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 16 : 4;
}
