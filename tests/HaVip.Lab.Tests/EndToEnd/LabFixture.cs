using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Tests.EndToEnd;

/// <summary>
/// One test bed for the end-to-end tests (building it takes seconds). Needs root: CI runs as
/// root, and elsewhere the tests fail with the reason rather than pass by skipping.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    /// <summary>How often the lab's agents verify their kernel state: short, so a repair test waits seconds (the default is 10 s).</summary>
    public static readonly TimeSpan VerifyInterval = TimeSpan.FromSeconds(1);

    private TestBed? _bed;

    public TestBed Bed => _bed ?? throw new InvalidOperationException("the lab did not start");

    public async ValueTask InitializeAsync()
    {
        if (Privileges.WhyNoLab() is { } why)
        {
            throw new InvalidOperationException($"end-to-end tests need network namespaces: {why}");
        }
        var stateDir = Path.Combine(Path.GetTempPath(), "havip-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        _bed = await TestBed.UpAsync(LabSpec.Demo(stateDir) with { VerifyInterval = VerifyInterval }, null, _ => { }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_bed is not null)
        {
            await _bed.DownAsync();
            if (Environment.GetEnvironmentVariable("HAVIP_LAB_KEEP_LOGS") != "1")
            {
                _bed.DeleteState();
            }
        }
    }
}
