using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

/// <summary>Table building blocks. Values are plain text: an id or a name is never read as markup.</summary>
internal static class Cells
{
    public static IRenderable Of(string? value) => new Text(string.IsNullOrEmpty(value) ? "-" : value);

    public static IRenderable Of(DateTime? value) =>
        Of(value?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public static IRenderable Of(int? value) => Of(value?.ToString(CultureInfo.InvariantCulture));

    public static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static Table List(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column)));
        }
        // Ids are what people copy; a narrow terminal wraps the other columns instead.
        table.Columns[0].NoWrap();
        return table;
    }

    /// <summary>One resource as "field value" rows.</summary>
    public static Table Detail(params (string Field, IRenderable Value)[] rows)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn(new TableColumn("field").NoWrap()).AddColumn("value");
        foreach (var (field, value) in rows)
        {
            table.AddRow(new Text(field), value);
        }
        return table;
    }
}
