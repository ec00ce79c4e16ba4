using System.Text.Json;
using HaVip.Contracts.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HaVip.Cli.Output;

/// <summary>Writes a command's result in the chosen format; commands never format JSON or tables themselves.</summary>
internal sealed class Printer(IAnsiConsole console, OutputFormat format)
{
    private static readonly JsonSerializerOptions Indented = new(ApiJson.Options) { WriteIndented = true };

    public IAnsiConsole Console => console;

    public bool IsJson => format == OutputFormat.Json;

    /// <summary>The DTO as JSON, or the table made from it.</summary>
    public void Print<T>(T value, Func<T, IRenderable> table)
    {
        if (IsJson)
        {
            Raw(JsonSerializer.Serialize(value, Indented) + Environment.NewLine);
        }
        else
        {
            console.Write(table(value));
        }
    }

    /// <summary>A line for people (in JSON mode it would break the document, so it is left out).</summary>
    public void Note(string text)
    {
        if (!IsJson)
        {
            console.Write(new Text(text + Environment.NewLine));
        }
    }

    /// <summary>Text exactly as given: Spectre would wrap long lines at the console width.</summary>
    public void Raw(string text)
    {
        console.Profile.Out.Writer.Write(text);
        console.Profile.Out.Writer.Flush();
    }
}
