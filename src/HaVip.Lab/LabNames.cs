using System.Globalization;

namespace HaVip.Lab;

/// <summary>
/// Every namespace the lab makes carries one random prefix, so parallel labs never collide and
/// teardown removes exactly what this lab made.
/// </summary>
public sealed record LabNames(string Prefix)
{
    public const string PrefixStart = "hvl";

    public static LabNames NewRandom() => new(RandomPrefix(PrefixStart) + "-");

    /// <summary><paramref name="start"/> and five random hex digits: what each test bed's names begin with (hvl: this lab, hvd: havipd's <see cref="Vrrp.NetLab"/>, hvpb: <see cref="Vrrp.PlainBridge"/>).</summary>
    public static string RandomPrefix(string start) => string.Create(CultureInfo.InvariantCulture, $"{start}{Random.Shared.Next(0x10000, 0xFFFFF):x5}");

    public string Underlay => Prefix + "ul";

    public string Host(string host) => Prefix + host;

    public string Vm(string instanceName) => Prefix + "vm-" + instanceName;
}
