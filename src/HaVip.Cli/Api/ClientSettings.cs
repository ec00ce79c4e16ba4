using System.Text.Json;

namespace HaVip.Cli.Api;

/// <summary>
/// Where the server is and which key to send. Each value is taken from the first place that has
/// it: flag, then environment (HAVIP_SERVER, HAVIP_KEY), then the config file, then the default.
/// </summary>
internal sealed record ClientSettings(Uri Server, string? Key)
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static ClientSettings Resolve(string? serverFlag, string? keyFlag, string? configFlag, Func<string, string?> environment)
    {
        var file = ConfigFile.Load(ConfigFile.PathFor(configFlag, environment));
        var server = FirstSet(serverFlag, environment("HAVIP_SERVER"), file?.Server) ?? DefaultServer;
        var key = FirstSet(keyFlag, environment("HAVIP_KEY"), file?.Key);
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliConfigException($"the server URL '{server}' is not an http:// or https:// URL.");
        }
        return new ClientSettings(uri, key);
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}

/// <summary>The config file: <c>{ "server": "...", "key": "..." }</c>.</summary>
internal sealed record ConfigFile(string? Server, string? Key)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>--config, else HAVIP_CONFIG, else the XDG location.</summary>
    public static string? PathFor(string? configFlag, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(configFlag))
        {
            return configFlag;
        }
        if (environment("HAVIP_CONFIG") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }
        if (environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg)
        {
            return Path.Combine(xdg, "havip", "config.json");
        }
        return environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config", "havip", "config.json") : null;
    }

    /// <summary>A missing file is no settings; a file that is there but unreadable is an error the user must see.</summary>
    public static ConfigFile? Load(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new CliConfigException($"the config file {path} is not valid JSON: {e.Message}");
        }
    }
}

/// <summary>The command line's own settings are wrong (not the server's answer).</summary>
internal sealed class CliConfigException(string message) : Exception(message);
