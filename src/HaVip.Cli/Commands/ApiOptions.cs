using System.CommandLine;
using HaVip.Cli.Output;

namespace HaVip.Cli.Commands;

/// <summary>Options every API command takes, anywhere on the line (recursive).</summary>
internal static class ApiOptions
{
    public static readonly Option<string?> Server = new("--server")
    {
        Description = "The HaVip server URL (else HAVIP_SERVER, the config file, http://127.0.0.1:5080)",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The API key, sent as Authorization: Bearer (else HAVIP_KEY, the config file)",
        Recursive = true,
    };

    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Config file {\"server\", \"key\"} (else HAVIP_CONFIG, $XDG_CONFIG_HOME/havip/config.json, ~/.config/havip/config.json)",
        Recursive = true,
    };

    public static readonly Option<OutputFormat> Output = new Option<OutputFormat>("--output", "-o")
    {
        Description = "table for people, json (the API's DTOs) for scripts",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    }.Lowercase(typeof(OutputFormat));
}
