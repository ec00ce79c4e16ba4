using HaVip.Contracts.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

/// <summary>Tables of `havip host`.</summary>
internal static class HostTables
{
    public static IRenderable Hosts(IEnumerable<HostDto> hosts)
    {
        var table = Cells.List("name", "state", "underlay", "last seen", "instances", "agent");
        foreach (var h in hosts)
        {
            table.AddRow(Cells.Of(h.Name), Cells.Of(Cells.Lower(h.State)), Cells.Of(h.UnderlayIp), Cells.Of(h.LastSeen), Cells.Of(h.Instances), Cells.Of(h.AgentVersion));
        }
        return table;
    }

    public static IRenderable Host(HostDto h) => Cells.Detail(
        ("name", Cells.Of(h.Name)), ("state", Cells.Of(Cells.Lower(h.State))), ("underlay", Cells.Of(h.UnderlayIp)),
        ("agent", Cells.Of(h.AgentVersion)), ("first seen", Cells.Of(h.FirstSeen)), ("last seen", Cells.Of(h.LastSeen)),
        ("stale since", Cells.Of(h.StaleSince)), ("instances", Cells.Of(h.Instances)),
        ("events", Cells.Of(string.Join(Environment.NewLine, (h.Events ?? []).Select(e => $"{e.At:O} {e.Kind}: {e.Message}")))));
}
