using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>keepalived's include patterns are glob(3) per path segment.</summary>
public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.conf", "a.conf", true)]
    [InlineData("*.conf", "a.conf.bak", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("a*bc", "abcbc", true)]
    [InlineData("?.inc", "a.inc", true)]
    [InlineData("?.inc", "ab.inc", false)]
    [InlineData("instance-[a]*.inc", "instance-a.inc", true)]
    [InlineData("instance-[a]*.inc", "instance-b.inc", false)]
    [InlineData("[0-9][0-9]-*", "10-vips", true)]
    [InlineData("[0-9][0-9]-*", "1a-vips", false)]
    [InlineData("[!a]x", "bx", true)]
    [InlineData("[!a]x", "ax", false)]
    [InlineData("[^a]x", "ax", false)]
    [InlineData("[ab-]", "-", true)]
    [InlineData("a[b", "a[b", true)]
    [InlineData("a[b", "ab", false)]
    [InlineData("a.conf", "aXconf", false)]
    [InlineData("*", "a/b", false)]
    public void IsMatch_GlobSegment_AsGlob3(string pattern, string name, bool expected) =>
        GlobPattern.IsMatch(pattern, name).Should().Be(expected);
}
