namespace HaVip.Storage;

/// <summary>A named monotonic counter; "change" numbers every change hosts must apply.</summary>
public sealed class SequenceRow
{
    public const string Change = "change";

    public required string Name { get; init; }

    public long Value { get; set; }
}
