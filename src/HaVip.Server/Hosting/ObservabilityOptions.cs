namespace HaVip.Server.Hosting;

/// <summary>Settings under "Observability".</summary>
public sealed class ObservabilityOptions
{
    public const string Section = "Observability";

    /// <summary>Serve /metrics without a key (platform-wide counts); off, it takes an admin key.</summary>
    public bool AnonymousMetrics { get; set; }
}
