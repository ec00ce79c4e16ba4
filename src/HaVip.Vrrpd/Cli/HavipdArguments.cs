using System.Net;

namespace HaVip.Vrrpd.Cli;

internal enum HavipdVerb
{
    Run,
    ConfigTest,
    Status,
    Help,
    Version,
}

/// <summary>What the command line asks for; <see cref="Errors"/> lists every mistake in it, not only the first.</summary>
internal sealed record HavipdArguments(
    HavipdVerb Verb,
    string ConfigFile,
    string ControlPath,
    string? PidFile,
    IPEndPoint? MetricsListen,
    IReadOnlyList<string> Errors);
