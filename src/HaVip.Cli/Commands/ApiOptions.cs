using System.CommandLine;
using HaVip.Cli.Output;

namespace HaVip.Cli.Commands;

/// <summary>
/// Options every API command takes, anywhere on the line (recursive). One set per command tree:
/// an option records the commands it belongs to, so a shared static one would collect every tree ever built.
/// </summary>
internal sealed class ApiOptions
{
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "The HaVip server URL (else HAVIP_SERVER, the config file, http://127.0.0.1:5080)",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "The API key, sent as Authorization: Bearer (else HAVIP_KEY, the config file)",
        Recursive = true,
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Config file {\"server\", \"key\"} (else HAVIP_CONFIG, $XDG_CONFIG_HOME/havip/config.json, ~/.config/havip/config.json)",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new Option<OutputFormat>("--output", "-o")
    {
        Description = "table for people, json (the API's DTOs) for scripts",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    }.Lowercase(typeof(OutputFormat));

    public IEnumerable<Option> All => [Server, Key, Config, Output];
}

/// <summary>What the API command factories need: where to write, and the options to read server, key and format from.</summary>
internal sealed record ApiScope(CliContext Context, ApiOptions Options);
