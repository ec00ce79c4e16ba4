using System.Net;

namespace HaVip.Agent.Hosting;

/// <summary>
/// <c>havip-agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] --key-file PATH [--metrics IP:PORT] [--verify-interval SECONDS] [--arbitration on|off|decisions]</c>.
/// The key is the host's agent key (an admin creates it: POST /v1/keys with role agent and the
/// host's name); HAVIP_AGENT_KEY may carry it instead of a file. Every <c>--verify-interval</c>
/// seconds (10 unless given) the agent checks the kernel against what it applied and repairs drift.
/// <c>--arbitration off</c> ignores the platform's split-brain decisions (no drop rule, no
/// announcement): the data plane follows claims as it did before arbitration; the lab's tests and
/// benchmark compare the two with it (docs/split-brain.md). <c>--arbitration decisions</c> keeps the
/// decisions but leaves out the silence rule (<see cref="Silence"/>): the proof that the lab's
/// SIGKILL test needs that rule.
/// </summary>
internal sealed record AgentOptions(string Host, string UnderlayIp, string Server, IPEndPoint? Metrics, string? Key = null, TimeSpan? VerifyInterval = null, bool Arbitration = true,
    bool Silence = true)
{
    public const string KeyVariable = "HAVIP_AGENT_KEY";

    public static readonly TimeSpan DefaultVerifyInterval = TimeSpan.FromSeconds(10);

    /// <summary>How often the kernel is verified against the last applied state.</summary>
    public TimeSpan Verify => VerifyInterval ?? DefaultVerifyInterval;

    public static AgentOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var values = Flags.Parse(args);
        error = "";
        if (!values.TryGetValue("host", out var host) || !values.TryGetValue("underlay", out var underlay) || !values.TryGetValue("server", out var server))
        {
            error = "usage: HaVip.Agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] --key-file PATH [--metrics IP:PORT] [--verify-interval SECONDS] [--arbitration on|off|decisions]";
            return null;
        }
        IPEndPoint? metrics = null;
        if (values.TryGetValue("metrics", out var text) && !IPEndPoint.TryParse(text, out metrics))
        {
            error = $"--metrics must be IP:PORT, not '{text}'";
            return null;
        }
        TimeSpan? verify = null;
        if (values.TryGetValue("verify-interval", out var seconds))
        {
            if (!double.TryParse(seconds, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || value is < 0.1 or > 3600)
            {
                error = $"--verify-interval must be seconds from 0.1 to 3600, not '{seconds}'";
                return null;
            }
            verify = TimeSpan.FromSeconds(value);
        }
        var arbitration = !values.TryGetValue("arbitration", out var onOff) || onOff is "on" or "decisions";
        if (onOff is not (null or "on" or "off" or "decisions"))
        {
            error = $"--arbitration must be on, off or decisions, not '{onOff}'";
            return null;
        }
        string? key;
        if (values.TryGetValue("key-file", out var keyFile))
        {
            try
            {
                key = File.ReadAllText(keyFile).Trim();
            }
            catch (IOException e)
            {
                error = $"--key-file {keyFile}: {e.Message}";
                return null;
            }
        }
        else
        {
            key = Environment.GetEnvironmentVariable(KeyVariable);
        }
        if (string.IsNullOrEmpty(key))
        {
            error = $"the agent needs its host's key: --key-file PATH or {KeyVariable}";
            return null;
        }
        return new AgentOptions(host, underlay, server, metrics, key, verify, arbitration, arbitration && onOff != "decisions");
    }
}
