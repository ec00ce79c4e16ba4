using HaVip.Cli.Api;

namespace HaVip.Cli.Tests.Api;

/// <summary>Server and key: flag, then environment, then the config file, then the default.</summary>
public sealed class ClientSettingsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("havip-config-");
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Resolve_NothingSet_DefaultServerAndNoKey()
    {
        var settings = Resolve(null, null, null);

        settings.Server.Should().Be(new Uri(ClientSettings.DefaultServer));
        settings.Key.Should().BeNull();
    }

    [Fact]
    public void Resolve_FlagEnvironmentAndFile_FlagWins()
    {
        var file = WriteConfig("""{ "server": "http://file:1", "key": "file-key" }""");
        _env["HAVIP_SERVER"] = "http://env:2";
        _env["HAVIP_KEY"] = "env-key";

        var settings = Resolve("http://flag:3", "flag-key", file);

        settings.Should().Be(new ClientSettings(new Uri("http://flag:3"), "flag-key"));
    }

    [Fact]
    public void Resolve_EnvironmentAndFile_EnvironmentWins()
    {
        _env["HAVIP_CONFIG"] = WriteConfig("""{ "server": "http://file:1", "key": "file-key" }""");
        _env["HAVIP_SERVER"] = "http://env:2";
        _env["HAVIP_KEY"] = "env-key";

        Resolve(null, null, null).Should().Be(new ClientSettings(new Uri("http://env:2"), "env-key"));
    }

    [Fact]
    public void Resolve_OnlyTheFile_FileValuesPerField()
    {
        var file = WriteConfig("""{ "server": "http://file:1", "key": "file-key" }""");
        _env["HAVIP_KEY"] = "env-key";

        Resolve(null, null, file).Should().Be(new ClientSettings(new Uri("http://file:1"), "env-key"));
    }

    [Fact]
    public void Resolve_XdgConfigHome_ReadsHavipConfigJson()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "havip"));
        File.WriteAllText(Path.Combine(_dir.FullName, "havip", "config.json"), """{ "server": "http://xdg:4", "key": "xdg-key" }""");
        _env["XDG_CONFIG_HOME"] = _dir.FullName;

        Resolve(null, null, null).Should().Be(new ClientSettings(new Uri("http://xdg:4"), "xdg-key"));
    }

    [Fact]
    public void Resolve_HomeWithoutXdg_ReadsDotConfig()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, ".config", "havip"));
        File.WriteAllText(Path.Combine(_dir.FullName, ".config", "havip", "config.json"), """{ "server": "http://home:5" }""");
        _env["HOME"] = _dir.FullName;

        Resolve(null, null, null).Server.Should().Be(new Uri("http://home:5"));
    }

    [Fact]
    public void Resolve_BrokenConfigFile_Throws()
    {
        var file = WriteConfig("{ not json");

        var act = () => Resolve(null, null, file);

        act.Should().Throw<CliConfigException>().WithMessage("*not valid JSON*");
    }

    [Fact]
    public void Resolve_NotAnHttpUrl_Throws()
    {
        var act = () => Resolve("ftp://x", null, null);

        act.Should().Throw<CliConfigException>();
    }

    private ClientSettings Resolve(string? server, string? key, string? config) =>
        ClientSettings.Resolve(server, key, config, name => _env.TryGetValue(name, out var value) ? value : null);

    private string WriteConfig(string json)
    {
        var path = Path.Combine(_dir.FullName, $"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
