using System.Globalization;
using HaVip.Contracts.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

/// <summary>What `havip vip show` prints of a HAVIP's cluster: the VRRP panel and the findings.</summary>
internal static class HaVipHealthTables
{
    /// <summary>The HAVIP, then one row per bound instance (the holder marked), then its findings or "ok".</summary>
    public static IRenderable Show(HaVipDto v)
    {
        var parts = new List<IRenderable> { HaVipTables.Detail(v) };
        if (v.Vrrp is { Count: > 0 } vrrp)
        {
            parts.Add(new Text("VRRP"));
            parts.Add(Panel(vrrp, v.MasterInstanceId));
        }
        if (v.Health is { } health)
        {
            parts.Add(new Text("health: " + health.Status));
            if (health.Findings.Count > 0)
            {
                parts.Add(Findings(health.Findings));
            }
        }
        return new Rows(parts);
    }

    private static Table Panel(IEnumerable<VrrpInstanceDto> vrrp, string? holder)
    {
        var table = Cells.List("instance", "holder", "vrrp", "priority", "interval", "vrid", "version", "last advert");
        foreach (var i in vrrp)
        {
            table.AddRow(
                Cells.Of(i.InstanceId),
                Cells.Of(i.InstanceId == holder ? "holder" : null),
                new Text(i.Advertising ? "advertising" : "silent", new Style(i.Advertising ? Color.Green : Color.Yellow)),
                Cells.Of(i.Priority),
                Cells.Of(i.AdvertIntervalMilliseconds is { } ms ? ms.ToString(CultureInfo.InvariantCulture) + " ms" : null),
                Cells.Of(i.Vrid),
                Cells.Of(i.Version),
                Cells.Of(i.LastAdvertAt));
        }
        return table;
    }

    private static Table Findings(IEnumerable<HealthFindingDto> findings)
    {
        var table = Cells.List("finding", "since", "instances", "what it means");
        foreach (var f in findings)
        {
            table.AddRow(new Text(f.Code, new Style(Color.Red)), Cells.Of(f.Since), Cells.Of(string.Join(", ", f.Instances)), Cells.Of(f.Message));
        }
        return table;
    }
}
