using System.Globalization;

namespace HaVip.Bench.ControlPlane;

/// <param name="ServerDll">Null: the repository's build of the server in the benchmark's configuration.</param>
/// <param name="Database">Empty: SQLite. Otherwise an Npgsql connection string of a database the benchmark may fill.</param>
/// <param name="ReplicaCpu">Each replica's CPU budget as a fraction of one core (a cgroup quota); null: unconstrained.</param>
/// <param name="Rounds">0: every operation once against all replicas. Otherwise 1 replica against all, interleaved, this many rounds.</param>
/// <param name="Smoke">Tiny sizes and one warm-up pass: proves the benchmark still runs (the test command runs it), measures nothing.</param>
/// <param name="Against">Another build of the server (its HaVip.Server.dll) measured beside this one, interleaved (<see cref="BuildComparison"/>); SQLite only.</param>
internal sealed record BenchOptions(int HaVips, TimeSpan Duration, int Concurrency, string? ServerDll, string? Database, int Replicas, double? ReplicaCpu, int Rounds, bool Smoke = false, string? Against = null)
{
    /// <summary>Subnets left empty for creates: enough for the warm-up and every round at 400 creates/s, at least 40.</summary>
    public int EmptySubnets => Math.Max(40, (int)Math.Ceiling(((Math.Max(1, Rounds) * 2 * Duration.TotalSeconds) + WarmUp.TotalSeconds) * 400 / Seeder.PerSubnet));

    /// <summary>Each operation's share of one warm-up pass (see <see cref="Workload.WarmUpAsync"/>).</summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Smoke ? 0.5 : ReplicaCpu is null ? 2 : 4);

    /// <summary>A PostgreSQL connection without a database name: the benchmark makes a scratch database.</summary>
    public bool NamesNoDatabase => Database is not null && string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(Database).Database);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var smoke = args.Contains("--smoke");
        var options = new BenchOptions(
            int.Parse(Value("--havips") ?? (smoke ? "500" : "100000"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(Value("--seconds") ?? (smoke ? "1" : "10"), CultureInfo.InvariantCulture)),
            int.Parse(Value("--concurrency") ?? (smoke ? "2" : "4"), CultureInfo.InvariantCulture),
            Value("--server"),
            Value("--database"),
            int.Parse(Value("--replicas") ?? "1", CultureInfo.InvariantCulture),
            Value("--replica-cpu") is { } cpu ? double.Parse(cpu, CultureInfo.InvariantCulture) : null,
            int.Parse(Value("--rounds") ?? (Value("--against") is null ? "0" : smoke ? "1" : "3"), CultureInfo.InvariantCulture),
            smoke,
            Value("--against"));
        if (options.Against is not null)
        {
            if (options.Database is not null || options.Replicas != 1 || options.Rounds < 1)
            {
                throw new ArgumentException("--against compares two builds of one SQLite replica each: no --database or --replicas, --rounds ≥ 1.");
            }
            if (!File.Exists(options.Against))
            {
                throw new ArgumentException($"--against {options.Against}: no such file (the other build's HaVip.Server.dll).");
            }
        }
        else if (options.Rounds > 0 && (options.Replicas < 2 || options.Database is null))
        {
            throw new ArgumentException("--rounds compares 1 replica with --replicas n (n ≥ 2) and needs --database (PostgreSQL).");
        }
        return options;
    }

    public string Describe()
    {
        var store = Database is null ? "SQLite" : "PostgreSQL";
        var budget = ReplicaCpu is { } cpu ? string.Create(CultureInfo.InvariantCulture, $"each replica limited to {cpu:0.##} of a core") : "replicas unconstrained";
        return string.Create(CultureInfo.InvariantCulture,
            $"{(Smoke ? "SMOKE RUN (sizes too small to measure anything), " : "")}{store}, {Replicas} replica(s), {HaVips} HAVIPs, {Concurrency} concurrent clients, {Duration.TotalSeconds:F0} s per operation, {budget}");
    }
}
