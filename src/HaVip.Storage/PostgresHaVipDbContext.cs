using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>PostgreSQL, for several server replicas over one database; migrations under Migrations/Postgres.</summary>
public sealed class PostgresHaVipDbContext(DbContextOptions<PostgresHaVipDbContext> options, AccountScope? scope = null) : HaVipDbContext(options, scope);
