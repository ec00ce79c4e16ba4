using System.Globalization;

namespace HaVip.Vrrpd.Tests.Network;

/// <summary>
/// tcpdump on a namespace's eth0 (VRRP and ARP), with the kernel's receive time of each packet:
/// one observer's clock for packets from different daemons, so their order and spacing are the
/// wire's, not a poll's.
/// </summary>
internal sealed class WireCapture : IDisposable
{
    private readonly VrrpProcess _tcpdump;

    private WireCapture(VrrpProcess tcpdump) => _tcpdump = tcpdump;

    public static WireCapture Start(string ns)
    {
        var tcpdump = VrrpProcess.Start($"tcpdump {ns}", "ip", ["netns", "exec", ns, "tcpdump", "-i", "eth0", "-n", "-tt", "-l", "-p", "vrrp or arp"], null);
        if (!Eventually.Until(() => tcpdump.Output.Contains("listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(10)))
        {
            tcpdump.Dispose();
            throw new InvalidOperationException($"tcpdump never started listening: {tcpdump.Output}");
        }

        return new WireCapture(tcpdump);
    }

    public string Output => _tcpdump.Output;

    /// <summary>Packets seen so far whose line contains every one of <paramref name="parts"/>, by receive time.</summary>
    public List<DateTimeOffset> Seen(params string[] parts) =>
        [.. Output.Split('\n').Where(l => parts.All(p => l.Contains(p, StringComparison.Ordinal))).Select(Time)];

    /// <summary>The first packet matching <paramref name="parts"/> at or after <paramref name="after"/>, or null.</summary>
    public DateTimeOffset? First(DateTimeOffset after, params string[] parts) =>
        Seen(parts).Where(t => t >= after).Cast<DateTimeOffset?>().FirstOrDefault();

    private static DateTimeOffset Time(string line)
    {
        var seconds = decimal.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    public void Dispose() => _tcpdump.Dispose();
}
