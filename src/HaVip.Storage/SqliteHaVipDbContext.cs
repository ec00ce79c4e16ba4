using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>The embedded default: SQLite, migrations under Migrations/Sqlite.</summary>
public sealed class SqliteHaVipDbContext(DbContextOptions<SqliteHaVipDbContext> options) : HaVipDbContext(options);
