namespace HaVip.Bench.DataPlane;

/// <summary>One keepalived pair and a client, somewhere: through the HaVip lab or on a plain bridge.</summary>
internal interface IVrrpSetup
{
    string Name { get; }

    /// <summary>The client's namespace.</summary>
    string ClientNetns { get; }

    /// <summary>The instance whose eth0 holds the VIP, or null.</summary>
    Task<string?> MasterAsync(CancellationToken ct);

    Task FailLinkAsync(string instance, CancellationToken ct);

    Task RestoreLinkAsync(string instance, CancellationToken ct);
}
