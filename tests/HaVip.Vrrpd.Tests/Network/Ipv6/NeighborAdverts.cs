using System.Net;
using HaVip.Net.Ndp;

namespace HaVip.Vrrpd.Tests.Network.Ipv6;

/// <summary>
/// The Neighbor Advertisements among the frames a <see cref="FrameTap"/> heard, decoded and checked
/// as a receiver would (RFC 4861 section 7.1.2, hop limit 255 included).
/// </summary>
internal static class NeighborAdverts
{
    public static List<NeighborAdvertisement> All(FrameTap tap)
    {
        var found = new List<NeighborAdvertisement>();
        foreach (var frame in tap.Frames)
        {
            if (NeighborAdvertisement.TryRead(frame, out var na, out _))
                found.Add(na);
        }

        return found;
    }

    public static List<NeighborAdvertisement> For(FrameTap tap, IPAddress target) => [.. All(tap).Where(na => na.Target.Equals(target))];

    public static string Describe(FrameTap tap) => $"{tap.Count} frame(s), NAs: {string.Join("; ", All(tap))}";
}
