using System.CommandLine;
using System.Net;
using HaVip.Vrrpd.Control;
using HaVip.Vrrpd.Daemon;

namespace HaVip.Vrrpd.Cli;

/// <summary>`havipd [-f FILE] [--config-test] [-p PIDFILE] [--control PATH] [--metrics-listen ADDRESS:PORT]` and `havipd status`.</summary>
internal static class HavipdCommand
{
    public static RootCommand Create()
    {
        var file = new Option<string>("--use-file", "-f") { Description = "keepalived.conf to run", DefaultValueFactory = _ => DaemonOptions.DefaultConfig };
        var test = new Option<bool>("--config-test", "-t") { Description = "check the configuration and exit (non-zero on errors)" };
        var pid = new Option<string?>("--pid-file", "-p") { Description = "write the daemon's pid here" };
        var control = ControlOption();
        var metrics = new Option<IPEndPoint?>("--metrics-listen")
        {
            Description = "serve Prometheus metrics at http://ADDRESS:PORT/metrics (off by default), e.g. 127.0.0.1:9650",
            CustomParser = r => IPEndPoint.TryParse(r.Tokens[0].Value, out var e) && e.Port != 0 ? e : Invalid(r),
        };
        var root = new RootCommand("havipd: VRRP daemon compatible with keepalived.conf") { file, test, pid, control, metrics };
        root.SetAction((r, ct) => r.GetValue(test)
            ? Task.FromResult(ConfigTest(r.GetValue(file)!))
            : DaemonHost.RunAsync(new DaemonOptions(r.GetValue(file)!, r.GetValue(control)!, r.GetValue(pid), r.GetValue(metrics))));

        var statusControl = ControlOption();
        var status = new Command("status", "print the running daemon's state as JSON") { statusControl };
        status.SetAction(async (r, ct) =>
        {
            try
            {
                Console.Out.Write(await StatusClient.QueryAsync(r.GetValue(statusControl)!, ct));
                return 0;
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                await Console.Error.WriteLineAsync($"havipd status: {ex.Message}");
                return 1;
            }
        });
        root.Subcommands.Add(status);
        return root;
    }

    private static IPEndPoint? Invalid(System.CommandLine.Parsing.ArgumentResult r)
    {
        r.AddError($"--metrics-listen: '{r.Tokens[0].Value}' is not ADDRESS:PORT (e.g. 127.0.0.1:9650 or [::1]:9650)");
        return null;
    }

    private static Option<string> ControlOption() =>
        new("--control") { Description = "control socket path", DefaultValueFactory = _ => DaemonOptions.DefaultControl };

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
