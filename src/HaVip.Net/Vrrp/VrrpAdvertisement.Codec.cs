using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Net.Vrrp;

public sealed partial record VrrpAdvertisement
{
    /// <summary>
    /// Decodes a VRRP message (the IP payload). The source and destination are the IP
    /// header's: they give the address family and feed the v3 pseudo-header checksum.
    /// Never throws: anything malformed returns false with the reason.
    /// </summary>
    public static bool TryRead(
        ReadOnlySpan<byte> message, IPAddress source, IPAddress destination,
        [NotNullWhen(true)] out VrrpAdvertisement? advertisement, out DropReason reason)
    {
        advertisement = null;
        reason = Check(message, source, destination);
        if (reason != DropReason.None)
            return false;
        var version = (VrrpVersion)(message[0] >> 4);
        var addressLength = VrrpChecksum.AddressLength(source.AddressFamily);
        var addresses = ImmutableArray.CreateBuilder<IPAddress>(message[3]);
        for (var i = 0; i < message[3]; i++)
            addresses.Add(new IPAddress(message.Slice(HeaderLength + (i * addressLength), addressLength)));
        advertisement = new(version, message[1], message[2], ReadInterval(version, message), addresses.MoveToImmutable());
        if (version == VrrpVersion.V2)
        {
            advertisement = advertisement with
            {
                AuthType = (VrrpAuthType)message[4],
                AuthData = VrrpAuthData.Read(message[^VrrpAuthData.Length..]),
            };
        }
        return true;
    }

    /// <summary>
    /// Encodes the message with its checksum. False if the buffer is too small or the
    /// advert cannot be encoded (no or mixed-family addresses, more than 255, IPv6 in v2, an
    /// interval wider than its field, or addresses of a family other than source's).
    /// </summary>
    public bool TryWrite(Span<byte> buffer, IPAddress source, IPAddress destination, out int written)
    {
        written = 0;
        var length = Length;
        if (!CanEncode(source, destination) || buffer.Length < length)
            return false;
        var message = buffer[..length];
        message[0] = (byte)((byte)Version << 4 | VrrpProtocol.AdvertisementType);
        message[1] = VirtualRouterId;
        message[2] = Priority;
        message[3] = (byte)Addresses.Length;
        if (Version == VrrpVersion.V2)
        {
            message[4] = (byte)AuthType;
            message[5] = (byte)MaxAdvertInterval;
            AuthData.Write(message[^VrrpAuthData.Length..]);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(message[4..], MaxAdvertInterval);
        }
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], 0);
        var offset = HeaderLength;
        foreach (var address in Addresses)
        {
            address.TryWriteBytes(message[offset..], out var n);
            offset += n;
        }
        BinaryPrimitives.WriteUInt16BigEndian(message[6..], VrrpChecksum.Compute(Version, message, source, destination));
        written = length;
        return true;
    }

    private static DropReason Check(ReadOnlySpan<byte> message, IPAddress? source, IPAddress? destination)
    {
        if (message.Length < HeaderLength)
            return DropReason.TooShort;
        var version = (VrrpVersion)(message[0] >> 4);
        if (version is not (VrrpVersion.V2 or VrrpVersion.V3))
            return DropReason.BadVersion;
        if ((message[0] & 0x0F) != VrrpProtocol.AdvertisementType)
            return DropReason.BadType;
        var family = source?.AddressFamily;
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            || destination?.AddressFamily != family
            || (version == VrrpVersion.V2 && family != AddressFamily.InterNetwork))
        {
            return DropReason.BadAddressFamily;
        }

        if (message[3] == 0)
            return DropReason.BadAddressCount;
        var expected = HeaderLength + (message[3] * VrrpChecksum.AddressLength(family.Value))
            + (version == VrrpVersion.V2 ? VrrpAuthData.Length : 0);
        if (message.Length != expected)
            return DropReason.AddressCountMismatch;
        if (!VrrpChecksum.IsValid(version, message, source!, destination))
            return DropReason.BadChecksum;
        return ReadInterval(version, message) == 0 ? DropReason.BadAdvertInterval : DropReason.None;
    }

    // v2: Adver Int is byte 5 (byte 4 is Auth Type); v3: 4 reserved bits, then 12 bits.
    private static ushort ReadInterval(VrrpVersion version, ReadOnlySpan<byte> message) =>
        version == VrrpVersion.V2
            ? message[5]
            : (ushort)(BinaryPrimitives.ReadUInt16BigEndian(message[4..]) & 0x0FFF);

    private bool CanEncode(IPAddress? source, IPAddress? destination)
    {
        if (Addresses.IsDefaultOrEmpty || Addresses.Length > byte.MaxValue || Version is not (VrrpVersion.V2 or VrrpVersion.V3))
            return false;
        var family = AddressFamily;
        if (source?.AddressFamily != family || destination?.AddressFamily != family
            || Addresses.Any(a => a is null || a.AddressFamily != family))
        {
            return false;
        }

        return Version == VrrpVersion.V2
            ? family == AddressFamily.InterNetwork && MaxAdvertInterval <= byte.MaxValue
            : family is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && MaxAdvertInterval <= 0x0FFF;
    }
}
