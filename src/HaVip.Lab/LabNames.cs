namespace HaVip.Lab;

/// <summary>
/// Every namespace the lab makes carries one random prefix, so parallel labs never collide and
/// teardown removes exactly what this lab made.
/// </summary>
public sealed record LabNames(string Prefix)
{
    public const string PrefixStart = "hvl";

    public static LabNames NewRandom() => new($"{PrefixStart}{Random.Shared.Next(0x10000, 0xFFFFF):x5}-");

    public string Underlay => Prefix + "ul";

    public string Host(string host) => Prefix + host;

    public string Vm(string instanceName) => Prefix + "vm-" + instanceName;
}
