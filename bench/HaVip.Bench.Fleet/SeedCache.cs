using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HaVip.Contracts.Client;
using HaVip.Domain;
using HaVip.Storage;
using HaVip.Testing;
using Npgsql;

namespace HaVip.Bench.Fleet;

/// <summary>
/// The database a run starts from, seeded straight into the database (<see cref="DirectSeeder"/>;
/// with <c>--api-seed</c> through the public API, <see cref="FleetSeeder"/>): afresh each run, or
/// with <c>--seed-cache DIR</c> seeded once per placement (hosts, instances per host, NICs per
/// subnet, HAVIPs per subnet, provider, way of seeding) and copied for each run. The copy is the
/// run's own (a SQLite data directory; on PostgreSQL a database made from the kept one as its
/// template) and goes at the end; the kept one stays, with the hosts' agent keys and the seeded ids
/// beside it (<c>fleet.json</c>). Kept before any agent registered, as a fresh seed is. The server
/// migrates a copy it finds older than its build; delete the directory (and on PostgreSQL the
/// database it names) to seed again.
/// </summary>
internal sealed class SeedCache : IAsyncDisposable
{
    /// <summary>Part of the key: a change to what the seeder writes gets a new key, never an old seed.</summary>
    private const string Format = "v2";

    private readonly string? _dropDatabase;
    private readonly string? _adminConnection;
    private readonly string? _deleteDirectory;

    private SeedCache(string? dataDir, string? database, string? adminConnection, string? dropDatabase, string? deleteDirectory)
    {
        DataDir = dataDir;
        Database = database;
        _adminConnection = adminConnection;
        _dropDatabase = dropDatabase;
        _deleteDirectory = deleteDirectory;
    }

    /// <summary>The run's SQLite data directory (null on PostgreSQL: each replica gets a scratch one).</summary>
    public string? DataDir { get; }

    /// <summary>The run's PostgreSQL connection string; null on SQLite.</summary>
    public string? Database { get; }

    /// <summary>The key of a placement: what the seeded database depends on.</summary>
    public static string Key(FleetOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"{Format}-{(o.Database is null ? "sqlite" : "pg")}{(o.ApiSeed ? "-api" : "")}-h{o.Hosts}-i{o.InstancesPerHost}-n{o.HostsPerSubnet}-v{o.HaVipsPerSubnet}");

    /// <summary>
    /// The run's copy of the kept seed, made first when there is none (straight into the kept
    /// database, or with <c>--api-seed</c> by a server on it, stopped then), then the copy is made. <paramref name="options"/>
    /// has <see cref="FleetOptions.SeedCache"/> set and, on PostgreSQL, a database that names no database.
    /// </summary>
    public static async Task<(SeedCache Copy, SimHost[] Hosts, SeededSubnet[] Subnets)> OpenAsync(FleetOptions options, string[] serverArgs)
    {
        var key = Key(options);
        var directory = Path.GetFullPath(Path.Combine(options.SeedCache!, key));
        var manifest = Path.Combine(directory, "fleet.json");
        var keptData = Path.Combine(directory, "data");
        var keptDatabase = "havip_fleet_" + key.Replace('-', '_');
        var admin = options.Database;
        if (!File.Exists(manifest) || (admin is null ? !Directory.Exists(keptData) : !await ExistsAsync(admin, keptDatabase)))
        {
            await SeedAsync(options, serverArgs, directory, manifest, keptData, admin, keptDatabase);
        }
        else
        {
            Console.WriteLine($"seed: kept {key} ({directory}), copied for this run");
        }
        var (hosts, subnets) = Read(manifest, options);
        if (admin is null)
        {
            var copy = Directory.CreateTempSubdirectory("havip-fleet-").FullName;
            foreach (var file in Directory.GetFiles(keptData).Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)))
            {
                // Not the shared-memory index: SQLite rebuilds it from the WAL when the copy is first opened.
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            }
            return (new SeedCache(copy, null, null, null, copy), hosts, subnets);
        }
        var run = "havip_t_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE {run} TEMPLATE {keptDatabase}");
        return (new SeedCache(null, Named(admin, run), admin, run, null), hosts, subnets);
    }

    /// <summary>
    /// A fleet seeded straight into the run's database (<see cref="DirectSeeder"/>), kept nowhere: on
    /// SQLite a data directory of its own, deleted at the end; on PostgreSQL the run's database
    /// (<see cref="FleetOptions.Database"/>, dropped by whoever made it).
    /// </summary>
    public static async Task<(SeedCache Run, SimHost[] Hosts, SeededSubnet[] Subnets)> FreshAsync(FleetOptions options)
    {
        var clock = Stopwatch.StartNew();
        var directory = options.Database is null ? Directory.CreateTempSubdirectory("havip-fleet-").FullName : null;
        var (hosts, subnets) = await DirectSeeder.SeedAsync(DatabaseSettings.Resolve(options.Database, directory ?? ""), options, TimeProvider.System.UtcNow(), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: straight into the database in {clock.Elapsed.TotalSeconds:F1} s"));
        return (new SeedCache(directory, options.Database, null, null, directory), hosts, subnets);
    }

    private static async Task SeedAsync(FleetOptions options, string[] serverArgs, string directory, string manifest, string keptData, string? admin, string keptDatabase)
    {
        Console.WriteLine($"seed: none kept for {Key(options)}; seeding it into {directory}");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        Directory.CreateDirectory(keptData);
        string[] args = [.. serverArgs];
        if (admin is not null)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {keptDatabase} WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE {keptDatabase}");
            args = [.. args, "--database", Named(admin, keptDatabase)];
        }
        var clock = Stopwatch.StartNew();
        if (options.ApiSeed)
        {
            await using var server = await ServerProcess.StartAsync(new ServerStart(DataDir: keptData, Args: args, Dll: options.ServerDll));
            using var api = HaVipApiClient.Create(server.Address, TestKeys.Admin, "havip-bench-fleet");
            var (hosts, subnets) = await FleetSeeder.SeedAsync(api, options, CancellationToken.None);
            Write(manifest, hosts, subnets);
        }
        else
        {
            var database = DatabaseSettings.Resolve(admin is null ? null : Named(admin, keptDatabase), keptData);
            var (hosts, subnets) = await DirectSeeder.SeedAsync(database, options, TimeProvider.System.UtcNow(), CancellationToken.None);
            Write(manifest, hosts, subnets);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: kept after {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private sealed record Kept(SimHost[] Hosts, KeptSubnet[] Subnets);

    private sealed record KeptSubnet(string Id, string[] InstanceIds, int[] Hosts, string[] HaVipIds, string Extra);

    private static void Write(string manifest, SimHost[] hosts, SeededSubnet[] subnets) =>
        File.WriteAllText(manifest, JsonSerializer.Serialize(new Kept(hosts,
            [.. subnets.Select(s => new KeptSubnet(s.Id, [.. s.InstanceIds], [.. s.Hosts.Order()], [.. s.HaVipIds], s.Extra))])));

    private static (SimHost[] Hosts, SeededSubnet[] Subnets) Read(string manifest, FleetOptions options)
    {
        var kept = JsonSerializer.Deserialize<Kept>(File.ReadAllText(manifest))
            ?? throw new InvalidOperationException($"{manifest}: empty; delete its directory to seed again");
        if (kept.Hosts.Length != options.Hosts || kept.Subnets.Length != options.Subnets)
        {
            throw new InvalidOperationException($"{manifest}: {kept.Hosts.Length} hosts and {kept.Subnets.Length} subnets, not the {options.Hosts} and {options.Subnets} of its key; delete its directory to seed again");
        }
        return (kept.Hosts, [.. kept.Subnets.Select(s => new SeededSubnet(s.Id, s.InstanceIds, s.Hosts.ToHashSet(), s.HaVipIds, s.Extra))]);
    }

    private static string Named(string admin, string name) => new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;

    private static async Task<bool> ExistsAsync(string admin, string name)
    {
        await using var connection = await OpenAsync(admin);
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        return await command.ExecuteScalarAsync() is not null;
    }

    /// <summary>
    /// A statement on the maintenance database. The template's last sessions (a stopped server's) may
    /// take a moment to end, and CREATE DATABASE … TEMPLATE refuses while any is left: tried again for up to 10 s.
    /// </summary>
    private static async Task ExecuteAsync(string admin, string sql)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(admin);
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 40)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(string admin)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dropDatabase is not null)
        {
            await ExecuteAsync(_adminConnection!, $"DROP DATABASE IF EXISTS {_dropDatabase} WITH (FORCE)");
        }
        if (_deleteDirectory is not null)
        {
            try
            {
                Directory.Delete(_deleteDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file a killed server still had open; the temporary directory goes with the machine's.
            }
        }
    }
}
