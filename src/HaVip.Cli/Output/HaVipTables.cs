using HaVip.Contracts.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

internal static class HaVipTables
{
    public static IRenderable List(IEnumerable<HaVipDto> vips)
    {
        var table = Cells.List("id", "name", "ip", "type", "status", "instances", "master", "subnet");
        foreach (var v in vips)
        {
            table.AddRow(Cells.Of(v.Id), Cells.Of(v.Name), Cells.Of(v.IpAddress), Cells.Of(Cells.Lower(v.Type)), Status(v.Status),
                Cells.Of(string.Join(", ", v.InstanceIds)), Cells.Of(v.MasterInstanceId), Cells.Of(v.SubnetId));
        }
        return table;
    }

    public static IRenderable Detail(HaVipDto v) => Cells.Detail(
        ("id", Cells.Of(v.Id)),
        ("name", Cells.Of(v.Name)),
        ("remark", Cells.Of(v.Remark)),
        ("type", Cells.Of(Cells.Lower(v.Type))),
        ("ip", Cells.Of(v.IpAddress)),
        ("ip version", Cells.Of(Cells.Lower(v.IpVersion))),
        ("status", Status(v.Status)),
        ("reason", Cells.Of(v.StatusReason)),
        ("vpc", Cells.Of(v.VpcId)),
        ("subnet", Cells.Of(v.SubnetId)),
        ("instances", Cells.Of(string.Join(", ", v.InstanceIds))),
        ("master", Cells.Of(v.MasterInstanceId)),
        ("created", Cells.Of(v.CreatedAt)),
        ("updated", Cells.Of(v.UpdatedAt)));

    public static IRenderable Events(IEnumerable<HaVipEventDto> events)
    {
        var table = Cells.List("at", "kind", "status", "instance", "message");
        foreach (var e in events)
        {
            table.AddRow(Cells.Of(e.At), Cells.Of(e.Kind), e.Status is { } s ? Status(s) : Cells.Of((string?)null), Cells.Of(e.InstanceId), Cells.Of(e.Message));
        }
        return table;
    }

    public static IRenderable BatchDelete(BatchDeleteResponse response)
    {
        var table = Cells.List("id", "result", "code", "message");
        foreach (var r in response.Results)
        {
            var result = r.Deleted
                ? new Text(r.Status is { } s ? Cells.Lower(s) : "deleted", new Style(Color.Green))
                : new Text("refused", new Style(Color.Red));
            table.AddRow(Cells.Of(r.Id), result, Cells.Of(r.Error?.Code), Cells.Of(r.Error?.Message));
        }
        return table;
    }

    public static IRenderable Status(HaVipState state) => new Text(Cells.Lower(state), new Style(state switch
    {
        HaVipState.Available => Color.Green,
        HaVipState.Failed => Color.Red,
        _ => Color.Yellow,
    }));
}
