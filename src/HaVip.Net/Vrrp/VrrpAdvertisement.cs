using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;

namespace HaVip.Net.Vrrp;

/// <summary>
/// A VRRP ADVERTISEMENT, v2 (RFC 3768 §5.3) or v3 (RFC 5798 §5.2), without its IP header.
/// Fields are kept as on the wire so decoding then encoding gives identical bytes; the
/// checksum is verified on read and recomputed on write, the v3 reserved bits are ignored
/// on read and written as zero (RFC 5798 §5.2.7).
/// </summary>
/// <param name="Version">2 or 3.</param>
/// <param name="VirtualRouterId">VRID, 1–255 in configuration (0 is decoded but no instance has it).</param>
/// <param name="Priority">255 = address owner, 0 = master stopping (RFC 5798 §5.2.4).</param>
/// <param name="MaxAdvertInterval">Wire units: seconds for v2 (8 bits), centiseconds for v3 (12 bits).</param>
/// <param name="Addresses">The virtual addresses, all IPv4 or all IPv6, in wire order.</param>
public sealed partial record VrrpAdvertisement(
    VrrpVersion Version,
    byte VirtualRouterId,
    byte Priority,
    ushort MaxAdvertInterval,
    ImmutableArray<IPAddress> Addresses)
{
    /// <summary>Fixed header length shared by v2 and v3.</summary>
    public const int HeaderLength = 8;

    /// <summary>Where the VRID sits in the message (RFC 5798 section 5.2.3), after version and type.</summary>
    public const int VirtualRouterIdOffset = 1;

    /// <summary>v2 Auth Type; always None for v3, which has no authentication.</summary>
    public VrrpAuthType AuthType { get; init; }

    /// <summary>v2 Authentication Data (the password for SimplePassword).</summary>
    public VrrpAuthData AuthData { get; init; }

    /// <summary>The advertisement interval <see cref="MaxAdvertInterval"/> stands for.</summary>
    public TimeSpan AdvertInterval => VrrpAdvertInterval.FromWire(Version, MaxAdvertInterval);

    /// <summary>Address family of the addresses (IPv4 when there are none).</summary>
    public AddressFamily AddressFamily =>
        Addresses.IsDefaultOrEmpty ? AddressFamily.InterNetwork : Addresses[0].AddressFamily;

    /// <summary>Encoded length in bytes.</summary>
    public int Length =>
        HeaderLength + (Addresses.IsDefault ? 0 : Addresses.Length * VrrpChecksum.AddressLength(AddressFamily))
        + (Version == VrrpVersion.V2 ? VrrpAuthData.Length : 0);

    /// <summary>A v2 advert; a non-null password selects simple password authentication.</summary>
    public static VrrpAdvertisement CreateV2(
        byte virtualRouterId, byte priority, TimeSpan interval, IEnumerable<IPAddress> addresses, string? password = null)
    {
        var units = ToWire(VrrpVersion.V2, interval);
        return new(VrrpVersion.V2, virtualRouterId, priority, units, [.. addresses])
        {
            AuthType = password is null ? VrrpAuthType.None : VrrpAuthType.SimplePassword,
            AuthData = password is null ? default : VrrpAuthData.FromPassword(password),
        };
    }

    /// <summary>A v3 advert; the interval must be a whole number of centiseconds in 0.01–40.95 s.</summary>
    public static VrrpAdvertisement CreateV3(
        byte virtualRouterId, byte priority, TimeSpan interval, IEnumerable<IPAddress> addresses) =>
        new(VrrpVersion.V3, virtualRouterId, priority, ToWire(VrrpVersion.V3, interval), [.. addresses]);

    /// <summary>Value equality, addresses compared element by element.</summary>
    public bool Equals(VrrpAdvertisement? other) =>
        other is not null
        && Version == other.Version
        && VirtualRouterId == other.VirtualRouterId
        && Priority == other.Priority
        && MaxAdvertInterval == other.MaxAdvertInterval
        && AuthType == other.AuthType
        && AuthData == other.AuthData
        && Addresses.IsDefault == other.Addresses.IsDefault
        && (Addresses.IsDefault || Addresses.SequenceEqual(other.Addresses));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Version, VirtualRouterId, Priority, MaxAdvertInterval, AuthType, AuthData,
            Addresses.IsDefaultOrEmpty ? 0 : Addresses.Length);

    private static ushort ToWire(VrrpVersion version, TimeSpan interval) =>
        VrrpAdvertInterval.TryToWire(version, interval, out var units)
            ? units
            : throw new ArgumentOutOfRangeException(nameof(interval), interval,
                $"Not a valid VRRP {version} advertisement interval.");
}
