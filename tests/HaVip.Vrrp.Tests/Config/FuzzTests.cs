using CsCheck;

namespace HaVip.Vrrp.Tests.Config;

public sealed class FuzzTests
{
    private static readonly string[] Pieces =
    [
        "vrrp_instance", "vrrp_script", "global_defs", "{", "}", "\n", " ", "\"", "#", "!", "include",
        "priority", "255", "0", "virtual_ipaddress", "10.0.0.1/24", "dev", "virtual_routes", "via", "weight", "-",
        "reverse", "track_script", "unicast_peer", "advert_int", "0.01", "x", "\t", "authentication", "auth_pass",
    ];

    [Fact]
    public void ParseText_RandomTokenSoup_NeverThrowsAndAlwaysGivesAModel()
    {
        Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 80].Select(p => string.Join(" ", p)).Sample(text =>
        {
            var r = TestData.ParseText(text);
            r.Config.Should().NotBeNull();
            r.Diagnostics.Should().OnlyContain(d => d.Position.Line >= 1 && d.Position.Column >= 1);
        }, iter: 2000);
    }

    [Fact]
    public void ParseText_RandomCharacters_NeverThrows() =>
        Gen.String[Gen.Char["{}\"#! \n\tabc019./-"], 0, 200].Sample(text => TestData.ParseText(text).Should().NotBeNull(), iter: 2000);
}
