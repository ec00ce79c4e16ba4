using HaVip.Domain.HaVips;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>
/// The control plane's database. Provider-neutral; each provider derives a context of its own
/// so that it keeps its own migrations (see <see cref="SqliteHaVipDbContext"/>).
/// </summary>
public abstract class HaVipDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Vpc> Vpcs => Set<Vpc>();

    public DbSet<Subnet> Subnets => Set<Subnet>();

    public DbSet<Instance> Instances => Set<Instance>();

    public DbSet<Nic> Nics => Set<Nic>();

    public DbSet<HighAvailabilityVip> HaVips => Set<HighAvailabilityVip>();

    public DbSet<HaVipBinding> Bindings => Set<HaVipBinding>();

    public DbSet<HostApply> HostApplies => Set<HostApply>();

    public DbSet<HaVipEvent> Events => Set<HaVipEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<SequenceRow> Sequences => Set<SequenceRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite loses DateTimeKind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HaVipDbContext).Assembly);
}
