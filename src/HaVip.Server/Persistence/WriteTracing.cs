using System.Diagnostics;

namespace HaVip.Server.Persistence;

/// <summary>The server's <see cref="ActivitySource"/>: a write is a child of the request that makes it.</summary>
public static class WriteTracing
{
    public const string SourceName = "HaVip.Server";

    /// <summary>The change number a write made (hosts apply it), on its activity.</summary>
    public const string ChangeTag = "havip.change.sequence";

    /// <summary>What the write is (<see cref="WriteKind.Name"/>: change, acknowledgement, holder, record).</summary>
    public const string KindTag = "havip.write.kind";

    internal static readonly ActivitySource Source = new(SourceName);
}
