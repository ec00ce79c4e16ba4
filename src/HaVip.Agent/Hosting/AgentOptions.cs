using System.Net;

namespace HaVip.Agent.Hosting;

/// <summary>
/// <c>havip-agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] --key-file PATH [--metrics IP:PORT]</c>.
/// The key is the host's agent key (an admin creates it: POST /v1/keys with role agent and the
/// host's name); HAVIP_AGENT_KEY may carry it instead of a file.
/// </summary>
internal sealed record AgentOptions(string Host, string UnderlayIp, string Server, IPEndPoint? Metrics, string? Key = null)
{
    public const string KeyVariable = "HAVIP_AGENT_KEY";

    public static AgentOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var values = Flags.Parse(args);
        error = "";
        if (!values.TryGetValue("host", out var host) || !values.TryGetValue("underlay", out var underlay) || !values.TryGetValue("server", out var server))
        {
            error = "usage: HaVip.Agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] --key-file PATH [--metrics IP:PORT]";
            return null;
        }
        IPEndPoint? metrics = null;
        if (values.TryGetValue("metrics", out var text) && !IPEndPoint.TryParse(text, out metrics))
        {
            error = $"--metrics must be IP:PORT, not '{text}'";
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
        return new AgentOptions(host, underlay, server, metrics, key);
    }
}
