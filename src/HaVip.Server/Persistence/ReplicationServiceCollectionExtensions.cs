using HaVip.Storage;

namespace HaVip.Server.Persistence;

internal static class ReplicationServiceCollectionExtensions
{
    /// <summary>On PostgreSQL: leader election and cross-replica change notification. On SQLite: one node, always leader.</summary>
    public static IServiceCollection AddReplication(this IServiceCollection services, DatabaseSettings settings)
    {
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return services.AddSingleton<ILeadership, SingleNodeLeadership>();
        }
        services.AddSingleton<PostgresLeaderElection>();
        services.AddSingleton<ILeadership>(sp => sp.GetRequiredService<PostgresLeaderElection>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresLeaderElection>());
        services.AddSingleton<PostgresChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeListener>());
        return services;
    }
}
