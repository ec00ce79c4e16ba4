using System.Reflection;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Daemon;

namespace HaVip.Vrrpd.Cli;

/// <summary>`havipd [-f FILE] [--config-test] [-p PIDFILE] [--control PATH] [--metrics-listen ADDRESS:PORT]` and `havipd status`.</summary>
internal static class HavipdCommand
{
    public const string Usage = """
        havipd: VRRP daemon compatible with keepalived.conf

        Usage:
          havipd [options]
          havipd status [--control PATH]    print the running daemon's state as JSON

        Options:
          -f, --use-file FILE            keepalived.conf to run [default: /etc/keepalived/keepalived.conf]
          -t, --config-test              check the configuration and exit (non-zero on errors)
          -p, --pid-file PIDFILE         write the daemon's pid here
          --control PATH                 control socket path [default: /run/havipd/havipd.sock]
          --metrics-listen ADDRESS:PORT  serve Prometheus metrics at http://ADDRESS:PORT/metrics (off by default), e.g. 127.0.0.1:9650
          --version                      show version information
          -?, -h, --help                 show help and usage information

        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = ArgumentParser.Parse(args);
        if (parsed.Verb == HavipdVerb.Help)
        {
            await Console.Out.WriteAsync(Usage);
            return 0;
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await Console.Error.WriteLineAsync(error);
            await Console.Error.WriteLineAsync("Try 'havipd --help'.");
            return 1;
        }

        return parsed.Verb switch
        {
            HavipdVerb.Version => Version(),
            HavipdVerb.Status => await StatusAsync(parsed.ControlPath),
            HavipdVerb.ConfigTest => ConfigTest(parsed.ConfigFile),
            _ => await DaemonHost.RunAsync(new DaemonOptions(parsed.ConfigFile, parsed.ControlPath, parsed.PidFile, parsed.MetricsListen)),
        };
    }

    private static int Version()
    {
        var assembly = typeof(HavipdCommand).Assembly;
        Console.Out.WriteLine(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString());
        return 0;
    }

    private static async Task<int> StatusAsync(string control)
    {
        try
        {
            Console.Out.Write(await StatusClient.QueryAsync(control, CancellationToken.None));
            return 0;
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            await Console.Error.WriteLineAsync($"havipd status: {ex.Message}");
            return 1;
        }
    }

    private static int ConfigTest(string path)
    {
        // keepalived's verdict: any error or warning refuses (keepalived -t exits non-zero on any
        // complaint); havipd's notes about keywords it runs differently do not.
        var (config, complains) = ConfigLoader.Check(path, Console.Error);
        if (config is null || complains)
            return 1;
        Console.Out.WriteLine($"{path}: configuration OK ({config.Instances.Count} vrrp_instance(s))");
        return 0;
    }
}
