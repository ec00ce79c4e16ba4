using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Vrrp;

/// <summary>havipd's metrics endpoint (--metrics-listen), read from inside its namespace as Prometheus would; shared with the failover bench.</summary>
public static class Scrape
{
    public const int Port = 9650;

    public static string[] Args => ["--metrics-listen", $"127.0.0.1:{Port}"];

    /// <summary>Every sample, by series (name and labels as written).</summary>
    public static Dictionary<string, double> Read(string ns) => Netns.Run(ns, () =>
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 5000 };
        socket.Connect(IPAddress.Loopback, Port);
        socket.Send("GET /metrics HTTP/1.1\r\nHost: havipd\r\n\r\n"u8);
        var text = new StringBuilder();
        var buffer = new byte[65536];
        int n;
        while ((n = socket.Receive(buffer)) > 0)
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        var body = text.ToString();
        if (!body.StartsWith("HTTP/1.1 200 OK\r\n", StringComparison.Ordinal) || !body.Contains("Content-Type: text/plain; version=0.0.4", StringComparison.Ordinal))
            throw new InvalidOperationException($"metrics scrape in {ns}: {body}");
        return body[(body.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => (Series: l[..l.LastIndexOf(' ')], Value: double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)))
            .ToDictionary(s => s.Series, s => s.Value);
    });

    /// <summary>One series' value; 0 when absent (a counter not yet moved is not written).</summary>
    public static double Value(Dictionary<string, double> samples, string series) => samples.GetValueOrDefault(series);

    /// <summary>The sum of every series of one metric name.</summary>
    public static double Sum(Dictionary<string, double> samples, string name) =>
        samples.Where(s => s.Key == name || s.Key.StartsWith(name + "{", StringComparison.Ordinal)).Sum(s => s.Value);
}
