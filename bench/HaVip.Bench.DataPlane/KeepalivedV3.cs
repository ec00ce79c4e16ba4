using System.Text.RegularExpressions;

namespace HaVip.Bench.DataPlane;

/// <summary>
/// The server's keepalived.conf turned into VRRPv3 at advert_int 0.1 (the issue's case). VRRPv3
/// has no authentication, so that block goes; everything else is the file the server renders.
/// </summary>
internal static partial class KeepalivedV3
{
    public static string From(string config) =>
        Authentication().Replace(AdvertInt().Replace(config, "advert_int 0.1\n    version 3"), "");

    [GeneratedRegex(@"advert_int \S+")]
    private static partial Regex AdvertInt();

    [GeneratedRegex(@"\s*authentication \{[^}]*\}")]
    private static partial Regex Authentication();
}
