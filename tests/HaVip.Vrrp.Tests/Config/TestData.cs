using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>Test data copied next to the test binary, and diagnostics rendered relative to it.</summary>
internal static class TestData
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Config", "Data");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static ConfigParseResult Parse(string relative) => new KeepalivedConfigParser().ParseFile(PathOf(relative));

    public static ConfigParseResult ParseText(string text, string fileName = "test.conf") =>
        new KeepalivedConfigParser(new InMemoryConfigFileSource()).ParseText(text, fileName);

    /// <summary>One <c>file:line:col: severity code: message</c> line per diagnostic, paths relative to the data root.</summary>
    public static IReadOnlyList<string> Render(ConfigParseResult result) =>
        result.Diagnostics.Select(d => d.ToString().Replace(Root + "/", "", StringComparison.Ordinal)).ToList();
}
