using HaVip.Domain.Accounts;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Hosts;
using HaVip.Domain.Resources;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Storage;

/// <summary>
/// The control plane's database. Provider-neutral; each provider derives a context of its own
/// so that it keeps its own migrations (see <see cref="SqliteHaVipDbContext"/>).
/// </summary>
public abstract class HaVipDbContext(DbContextOptions options) : DbContext(options)
{
    // Contexts are pooled (see StorageServiceCollectionExtensions): a rented context is bound to
    // its request's scope, and one that is not bound (or is back in the pool) sees no account.
    private AccountScope _scope = new();

    public AccountScope Scope => _scope;

    /// <summary>Binds this context to a unit of work's account scope; returns it for chaining.</summary>
    public HaVipDbContext BoundTo(AccountScope scope)
    {
        _scope = scope;
        return this;
    }

    public override void Dispose()
    {
        _scope = new AccountScope();
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _scope = new AccountScope();
        return base.DisposeAsync();
    }

    /// <summary>
    /// Tells other replicas, once the open transaction commits, that something changed. Only
    /// PostgreSQL has other replicas (<see cref="PostgresHaVipDbContext"/>); SQLite has one process.
    /// <paramref name="keysChanged"/>: the change changed an API key, so keys cached elsewhere are stale.
    /// <paramref name="sender"/>: who announces (<c>ChangeSignal.Sender</c>), so it can tell its own announcements when they come back.
    /// </summary>
    public virtual Task AnnounceCommitAsync(bool keysChanged, string? sender, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Inserts one timeline event per HAVIP of <paramref name="haVipIds"/>, each a copy of
    /// <paramref name="like"/> but for its HAVIP, in one statement run now inside the open
    /// transaction (not at the next save): an ack that settles a thousand HAVIPs writes one insert
    /// for their alike events, not a thousand. Each provider says it in its own SQL.
    /// </summary>
    public abstract Task InsertEventsAsync(IReadOnlyList<string> haVipIds, HaVipEvent like, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="events"/>, each as given and in their order (a HAVIP's timeline
    /// reads by id), in one statement run now inside the open transaction: a health round that
    /// starts a finding for hundreds of HAVIPs writes one insert, not one each (the change tracker
    /// inserts row by row on SQLite). Each provider says it in its own SQL.
    /// </summary>
    public abstract Task InsertEventsAsync(IReadOnlyList<HaVipEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="findings"/> as open, in one statement run now inside the open
    /// transaction (as <see cref="InsertEventsAsync(IReadOnlyList{HaVipEvent}, CancellationToken)"/>
    /// for their start events). Each provider says it in its own SQL.
    /// </summary>
    public abstract Task InsertFindingsAsync(IReadOnlyList<OpenFinding> findings, CancellationToken cancellationToken);

    /// <summary>
    /// Moves each named host's last contact up to its time (never back), in one statement run now
    /// inside the open transaction, for the hosts whose history does not say stale
    /// (<see cref="HypervisorHost.StaleNoted"/>: those need their "back" event, which only the
    /// aggregate writes). The hosts changed: fewer than named when one is stale-noted or has no
    /// row. The contacts of a thousand hosts every five seconds are one statement, not a thousand
    /// updates. Each provider says it in its own SQL.
    /// </summary>
    public abstract Task<int> TouchHostsAsync(IReadOnlyList<(string Host, DateTime At)> contacts, CancellationToken cancellationToken);

    /// <summary>
    /// Called first in a transaction, before any read: waits until no other transaction holds the
    /// next change number, and keeps any from taking one until this transaction ends, so this one
    /// takes it without a race. For a host's registration, and for a write that lost the race for
    /// the number once: with a queue of writes behind each replica, the loser's next attempt would
    /// meet the winner's next write and lose again. Only PostgreSQL has other writers
    /// (<see cref="PostgresHaVipDbContext"/>); on SQLite one write runs at a time anyway.
    /// </summary>
    public virtual Task TakeChangeNumberTurnAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Read by the query filters at each query's execution, so the scope may be chosen after the context exists.
    private bool SeesAllAccounts => _scope.AllAccounts;

    private string? ScopeAccountId => _scope.AccountId;

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Vpc> Vpcs => Set<Vpc>();

    public DbSet<Subnet> Subnets => Set<Subnet>();

    public DbSet<Instance> Instances => Set<Instance>();

    public DbSet<Nic> Nics => Set<Nic>();

    public DbSet<HighAvailabilityVip> HaVips => Set<HighAvailabilityVip>();

    public DbSet<HaVipBinding> Bindings => Set<HaVipBinding>();

    public DbSet<HostApply> HostApplies => Set<HostApply>();

    public DbSet<HaVipEvent> Events => Set<HaVipEvent>();

    /// <summary>The latest VRRP observation per (instance, VRID), from the agents.</summary>
    public DbSet<InstanceVrrp> Vrrp => Set<InstanceVrrp>();

    /// <summary>Each HAVIP's findings that its timeline shows as started and not ended.</summary>
    public DbSet<OpenFinding> Findings => Set<OpenFinding>();

    public DbSet<HypervisorHost> Hosts => Set<HypervisorHost>();

    public DbSet<HostEvent> HostEvents => Set<HostEvent>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<SequenceRow> Sequences => Set<SequenceRow>();

    public DbSet<ChangeScopeRow> ChangeScopes => Set<ChangeScopeRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite loses DateTimeKind, so it is restored on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HaVipDbContext).Assembly);
        // The aggregates a tenant owns. Their parts (NICs, bindings, events) are only ever reached
        // through an aggregate found first, so filtering the roots is enough.
        modelBuilder.Entity<Vpc>().HasQueryFilter(v => SeesAllAccounts || v.AccountId == ScopeAccountId);
        modelBuilder.Entity<Subnet>().HasQueryFilter(s => SeesAllAccounts || s.AccountId == ScopeAccountId);
        modelBuilder.Entity<Instance>().HasQueryFilter(i => SeesAllAccounts || i.AccountId == ScopeAccountId);
        modelBuilder.Entity<HighAvailabilityVip>().HasQueryFilter(h => SeesAllAccounts || h.AccountId == ScopeAccountId);
    }
}
