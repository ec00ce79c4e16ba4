using System.Runtime.CompilerServices;

namespace HaVip.Vrrp.Tests.Config;

/// <summary>
/// Each bad/NAME.conf has bad/NAME.expected listing every diagnostic as
/// <c>file:line:col: severity code: message</c>. Set HAVIP_UPDATE_GOLDEN=1 to rewrite the
/// expected files from the actual output, then review the diff.
/// </summary>
public sealed class GoldenDiagnosticsTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(TestData.PathOf("bad"), "*.conf").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Parse_BadFile_MatchesGoldenDiagnostics(string name)
    {
        var actual = TestData.Render(TestData.Parse($"bad/{name}.conf"));

        if (Environment.GetEnvironmentVariable("HAVIP_UPDATE_GOLDEN") == "1")
            File.WriteAllLines(Path.Combine(SourceDirectory(), "Data", "bad", name + ".expected"), actual);
        var expected = File.ReadAllLines(TestData.PathOf($"bad/{name}.expected"));
        actual.Should().Equal(expected);
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
