using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace HaVip.Domain.Addressing;

/// <summary>An IPv4 prefix in canonical form (host bits zero), e.g. 10.0.240.0/24.</summary>
public readonly record struct Ipv4Cidr(Ipv4 Network, int PrefixLength)
{
    public ulong Size => 1UL << (32 - PrefixLength);

    public Ipv4 Broadcast => Network.Add((long)Size - 1);

    public Ipv4 FirstHost => Network.Add(1);

    public Ipv4 LastHost => Network.Add((long)Size - 2);

    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Parses "a.b.c.d/n"; host bits must be zero so that one network has one spelling.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv4Cidr cidr, out string? error)
    {
        cidr = default;
        error = null;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (text is null || slash < 0)
        {
            error = "must be an IPv4 prefix such as 10.0.0.0/16";
            return false;
        }
        if (!Ipv4.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length is < 0 or > 32)
        {
            error = "must be an IPv4 prefix such as 10.0.0.0/16";
            return false;
        }
        var candidate = new Ipv4Cidr(address, length);
        if ((address.Value & ~candidate.Mask) != 0)
        {
            error = $"has host bits set; did you mean {new Ipv4Cidr(new Ipv4(address.Value & candidate.Mask), length)}?";
            return false;
        }
        cidr = candidate;
        return true;
    }

    public bool Contains(Ipv4 address) => (address.Value & Mask) == Network.Value;

    public bool Contains(Ipv4Cidr other) => other.PrefixLength >= PrefixLength && Contains(other.Network);

    public bool Overlaps(Ipv4Cidr other) => Contains(other.Network) || other.Contains(Network);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Network}/{PrefixLength}");
}
