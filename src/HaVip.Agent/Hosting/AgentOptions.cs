using System.Net;

namespace HaVip.Agent.Hosting;

/// <summary>
/// <c>havip-agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] [--metrics IP:PORT]</c>.
/// </summary>
internal sealed record AgentOptions(string Host, string UnderlayIp, string Server, IPEndPoint? Metrics)
{
    public static AgentOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var values = Flags.Parse(args);
        error = "";
        if (!values.TryGetValue("host", out var host) || !values.TryGetValue("underlay", out var underlay) || !values.TryGetValue("server", out var server))
        {
            error = "usage: HaVip.Agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] [--metrics IP:PORT]";
            return null;
        }
        IPEndPoint? metrics = null;
        if (values.TryGetValue("metrics", out var text) && !IPEndPoint.TryParse(text, out metrics))
        {
            error = $"--metrics must be IP:PORT, not '{text}'";
            return null;
        }
        return new AgentOptions(host, underlay, server, metrics);
    }
}
