using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HaVip.Storage;

/// <summary>Lets `dotnet ef migrations add` build the SQLite context without starting the server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHaVipDbContext>
{
    public SqliteHaVipDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHaVipDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
