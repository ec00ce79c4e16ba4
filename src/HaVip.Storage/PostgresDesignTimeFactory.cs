using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HaVip.Storage;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL context; it never connects.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHaVipDbContext>
{
    public PostgresHaVipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHaVipDbContext>().UseNpgsql("Host=localhost;Database=havip_design").Options);
}
