[assembly: AssemblyFixture(typeof(HaVip.Server.Tests.Fixtures.DatabaseDrops))]

namespace HaVip.Server.Tests.Fixtures;

/// <summary>
/// At the end of the run, waits for the PostgreSQL databases that test servers left to be dropped
/// in the background (<see cref="TestDatabase.DropInBackground"/>): none outlives the run, and a
/// drop that failed fails it.
/// </summary>
public sealed class DatabaseDrops : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await TestDatabase.BackgroundDropsAsync();
}
