[assembly: AssemblyFixture(typeof(HaVip.Cli.Tests.Fixtures.ServerFixture))]

namespace HaVip.Cli.Tests.Fixtures;

/// <summary>
/// The built HaVip.Server as a real process (the test kit's <see cref="ServerProcess"/>), with no
/// demo inventory and the kit's admin key, shared by every test (each makes its own VPC).
/// A short apply deadline lets a HAVIP whose hosts run no agent settle as failed within seconds.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServerProcess? _server;

    public Uri Address => _server?.Address ?? throw new InvalidOperationException("the server has not started");

    public async ValueTask InitializeAsync() =>
        _server = await ServerProcess.StartAsync(new ServerStart(
            Args: ["--no-demo", "--HaVip:ApplyDeadline=00:00:02", "--HaVip:DeadlineCheckInterval=00:00:00.200"],
            ReadyWithin: TimeSpan.FromSeconds(90)));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
