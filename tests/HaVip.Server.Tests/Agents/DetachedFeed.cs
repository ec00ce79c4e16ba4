using HaVip.Server.Agents;
using HaVip.Server.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HaVip.Server.Tests.Agents;

/// <summary>A <see cref="DesiredStateFeed"/> with no database behind it: tests give it its changes by hand (<see cref="DesiredStateFeed.Apply"/>).</summary>
internal static class DetachedFeed
{
    public static DesiredStateFeed Create() =>
        new(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
            new ChangeSignal(), Options.Create(new ServerOptions()), NullLogger<DesiredStateFeed>.Instance);
}
