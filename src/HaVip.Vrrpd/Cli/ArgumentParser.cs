using System.Net;
using HaVip.Vrrpd.Daemon;

namespace HaVip.Vrrpd.Cli;

/// <summary>
/// `havipd [-f FILE] [-t] [-p PIDFILE] [--control PATH] [--metrics-listen ADDRESS:PORT]` and
/// `havipd status [--control PATH]`, read by hand: System.CommandLine was a tenth of the Native
/// AOT executable for five options. An option's value follows it (`-f FILE`) or is joined with
/// `=` or `:` (`--use-file=FILE`), as System.CommandLine accepted; `-t` may be followed by
/// `true` or `false`.
/// </summary>
internal static class ArgumentParser
{
    public static HavipdArguments Parse(IReadOnlyList<string> args)
    {
        var state = new State();
        var status = args.Count > 0 && args[0] == "status";
        for (var i = status ? 1 : 0; i < args.Count; i++)
        {
            var (name, inline) = Split(args[i]);
            if (name is "--help" or "-h" or "-?")
            {
                state.Help = true;
                continue;
            }

            if (!status && name == "--version")
            {
                state.Version = true;
                continue;
            }

            if (!status && name is "--config-test" or "-t")
            {
                state.Test = inline is null ? Flag(args, ref i) : Boolean(name, inline, state);
                continue;
            }

            if (!Known(name, status))
            {
                state.Errors.Add($"Unrecognized command or argument '{args[i]}'.");
                continue;
            }

            var value = inline ?? (i + 1 < args.Count && !IsOption(args[i + 1]) ? args[++i] : null);
            if (value is null)
                state.Errors.Add($"Required argument missing for option: '{Canonical(name)}'.");
            else
                state.Set(Canonical(name), value);
        }

        return state.Result(status);
    }

    private static bool Known(string name, bool status) =>
        name == "--control" || (!status && name is "--use-file" or "-f" or "--pid-file" or "-p" or "--metrics-listen");

    private static string Canonical(string name) => name switch
    {
        "-f" => "--use-file",
        "-p" => "--pid-file",
        _ => name,
    };

    /// <summary>`--name=value` and `--name:value` (System.CommandLine's forms); a bare `-x` or `--name` has no inline value.</summary>
    private static (string Name, string? Inline) Split(string arg)
    {
        if (!arg.StartsWith('-'))
            return (arg, null);
        var at = arg.IndexOfAny(['=', ':']);
        return at > 0 ? (arg[..at], arg[(at + 1)..]) : (arg, null);
    }

    private static bool IsOption(string arg) => arg.StartsWith('-') && arg.Length > 1;

    private static bool Flag(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 < args.Count && bool.TryParse(args[i + 1], out var value))
        {
            i++;
            return value;
        }

        return true;
    }

    private static bool Boolean(string name, string text, State state)
    {
        if (bool.TryParse(text, out var value))
            return value;
        state.Errors.Add($"Cannot parse argument '{text}' for option '{name}' as expected type 'System.Boolean'.");
        return false;
    }

    private sealed class State
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public List<string> Errors { get; } = [];

        public bool Help { get; set; }

        public bool Version { get; set; }

        public bool Test { get; set; }

        public void Set(string name, string value)
        {
            if (!_values.TryAdd(name, value))
                Errors.Add($"Option '{name}' expects a single argument but 2 were provided.");
        }

        public HavipdArguments Result(bool status)
        {
            var metrics = Metrics();
            var verb = Help ? HavipdVerb.Help
                : Version ? HavipdVerb.Version
                : status ? HavipdVerb.Status
                : Test ? HavipdVerb.ConfigTest
                : HavipdVerb.Run;
            return new HavipdArguments(
                verb,
                _values.GetValueOrDefault("--use-file", DaemonOptions.DefaultConfig),
                _values.GetValueOrDefault("--control", DaemonOptions.DefaultControl),
                _values.GetValueOrDefault("--pid-file"),
                metrics,
                Errors);
        }

        private IPEndPoint? Metrics()
        {
            if (!_values.TryGetValue("--metrics-listen", out var text))
                return null;
            if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port != 0)
                return endpoint;
            Errors.Add($"--metrics-listen: '{text}' is not ADDRESS:PORT (e.g. 127.0.0.1:9650 or [::1]:9650)");
            return null;
        }
    }
}
