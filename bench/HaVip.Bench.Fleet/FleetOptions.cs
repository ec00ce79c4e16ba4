using System.Globalization;

namespace HaVip.Bench.Fleet;

/// <summary>
/// The simulated fleet's shape and the run's length. Placement: every host runs
/// <paramref name="InstancesPerHost"/> instances, each with one NIC; the NICs are dealt at random
/// (fixed seed) to subnets of <paramref name="HostsPerSubnet"/> NICs each, so a subnet spans about
/// that many hosts and a host carries about <paramref name="InstancesPerHost"/> subnets.
/// </summary>
/// <param name="Database">Null: SQLite. Otherwise an Npgsql connection string (a scratch database when it names none).</param>
/// <param name="Smoke">Tiny sizes: proves the benchmark still runs (the test command runs it), measures nothing.</param>
/// <param name="Rate">Changes per second of the steady phase (<see cref="RateDriver"/>); 0: no steady phase.</param>
/// <param name="RateSeconds">How long the steady phase sends changes.</param>
/// <param name="Replicas">Server replicas on the one database (PostgreSQL for more than one); with two or more, the first is killed and started again with every agent attached.</param>
/// <param name="ServerDll">The server build the run starts (<c>--server</c>, or <c>--against</c>'s); null: the one built with the bench.</param>
/// <param name="FirstStartOnly"><c>--first-start-only</c>: the first start, the server at rest and (with replicas) the restart; no changes, no re-sync.</param>
/// <param name="SeedCache"><c>--seed-cache DIR</c>: the seeded fleet kept there per placement (<see cref="SeedCache"/>) and reused; null: seeded afresh each run.</param>
/// <param name="ApiSeed"><c>--api-seed</c>: seeded through the public API (<see cref="FleetSeeder"/>, minutes at the issue's size), not straight into the database (<see cref="DirectSeeder"/>).</param>
/// <param name="SkipResync"><c>--skip-resync</c>: no re-sync of every host after the warm-up (a second first start, minutes at the region), so a run's first start and steady phase come sooner.</param>
/// <param name="ServerEnvironment">
/// Variables set in the server's environment only (<c>--server-env</c> for this build's, <c>--against-env</c> for the other's:
/// <c>NAME=VALUE,NAME=VALUE</c>), so a runtime setting such as <c>DOTNET_GCgen0MaxBudget</c> reaches the server and not the
/// bench's own process, which an exported variable would reach too (the test kit's server inherits the bench's environment).
/// </param>
/// <param name="AcksOnPolls">
/// The agents carry each ack on their next poll (<c>applied=N</c>), as the agent does (<c>--acks poll</c>, the default);
/// <c>--acks post</c> (<c>--against-acks</c> for the other build) posts each as its own request, as agents before that did.
/// </param>
internal sealed record FleetOptions(int Hosts, int InstancesPerHost, int HostsPerSubnet, int HaVipsPerSubnet, int ChangesPerRound, int Rounds,
    string? Database, bool Smoke, double Rate, int RateSeconds, int Replicas, string? ServerDll = null, bool FirstStartOnly = false, string? SeedCache = null,
    bool ApiSeed = false, IReadOnlyDictionary<string, string>? ServerEnvironment = null, bool SkipResync = false, bool AcksOnPolls = true)
{
    public int Subnets => Math.Max(1, Hosts * InstancesPerHost / HostsPerSubnet);

    /// <summary>Changes per mode before anything is measured: the server's JIT and EF's query translations.</summary>
    public int WarmUpChanges => Smoke ? 2 : 30;

    /// <summary>How long the server's CPU is read with every agent waiting and nothing changing.</summary>
    public TimeSpan IdleWindow => TimeSpan.FromSeconds(Smoke ? 1 : 10);

    public bool NamesNoDatabase => Database is not null && string.IsNullOrEmpty(new Npgsql.NpgsqlConnectionStringBuilder(Database).Database);

    /// <summary>
    /// The fleet sizes of <c>--hosts</c>, comma-separated: each is run in turn (a server and a
    /// database of its own), and the sizes' figures are printed side by side at the end.
    /// </summary>
    public static int[] Sizes(string[] args) =>
        Value(args, "--hosts") is { } hosts
            ? [.. hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => int.Parse(h, CultureInfo.InvariantCulture))]
            : [args.Contains("--smoke") ? 20 : 1000];

    /// <summary>
    /// The server builds each size runs: the bench's own (or <c>--server</c>'s), then with
    /// <c>--against path/to/HaVip.Server.dll</c> that build too, on a fleet and a database of its own;
    /// the order alternates from size to size, so drift of a shared machine falls on both.
    /// </summary>
    public static (string? Dll, IReadOnlyDictionary<string, string>? Environment, bool AcksOnPolls)[] Builds(string[] args, int size)
    {
        var mine = (Value(args, "--server"), Environment(args, "--server-env"), AckMode(args, "--acks"));
        if (Value(args, "--against") is not { } other)
        {
            return [mine];
        }
        var theirs = ((string?)other, Environment(args, "--against-env"), AckMode(args, "--against-acks"));
        return size % 2 == 0 ? [mine, theirs] : [theirs, mine];
    }

    /// <summary>The server build's name in the tables: "this build" or the path given, with the variables set for it, and the agents' acks when posted.</summary>
    public string Build => (ServerDll ?? "this build") + (ServerEnvironment is { Count: > 0 } env ? $" ({string.Join(", ", env.Select(e => $"{e.Key}={e.Value}"))})" : "")
        + (AcksOnPolls ? "" : ", acks posted");

    /// <summary><c>poll</c> (the default) or <c>post</c> after <paramref name="name"/>: true when acks ride on polls.</summary>
    private static bool AckMode(string[] args, string name) => Value(args, name) switch
    {
        null or "poll" => true,
        "post" => false,
        var other => throw new ArgumentException($"{name} takes poll (acks carried on the next poll, as the agent does) or post (each ack its own request), not \"{other}\"."),
    };

    /// <summary><c>NAME=VALUE,NAME=VALUE</c> after <paramref name="name"/>; null when not given.</summary>
    private static Dictionary<string, string>? Environment(string[] args, string name)
    {
        if (Value(args, name) is not { } list)
        {
            return null;
        }
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at < 1)
            {
                throw new ArgumentException($"{name} takes NAME=VALUE pairs separated by commas; \"{pair}\" has no name or no '='.");
            }
            variables[pair[..at]] = pair[(at + 1)..];
        }
        return variables;
    }

    public static FleetOptions Parse(string[] args, int hosts)
    {
        int Int(string name, int full, int smoke) => int.Parse(Value(args, name) ?? (args.Contains("--smoke") ? smoke : full).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var options = new FleetOptions(
            hosts,
            Int("--instances-per-host", 4, 2),
            Int("--hosts-per-subnet", 10, 4),
            Int("--havips-per-subnet", 5, 2),
            Int("--changes", 100, 5),
            Int("--rounds", 3, 1),
            Value(args, "--database"),
            args.Contains("--smoke"),
            double.Parse(Value(args, "--rate") ?? (args.Contains("--smoke") ? "5" : "50"), CultureInfo.InvariantCulture),
            Int("--rate-seconds", 60, 2),
            Int("--replicas", 1, 1),
            Value(args, "--server"),
            args.Contains("--first-start-only"),
            Value(args, "--seed-cache"),
            args.Contains("--api-seed"))
        {
            SkipResync = args.Contains("--skip-resync"),
        };
        if (options.Replicas < 1 || (options.Replicas > 1 && options.Database is null))
        {
            throw new ArgumentException("--replicas must be at least 1, and more than 1 only with --database (PostgreSQL): SQLite serves one replica.");
        }
        if (options.Rate < 0 || options.RateSeconds < 1)
        {
            throw new ArgumentException("--rate must be 0 (no steady phase) or more, --rate-seconds at least 1.");
        }
        if (options.HostsPerSubnet < 3 || !Placement.Fits(options) || options.Hosts < options.HostsPerSubnet)
        {
            // Each HAVIP is bound to two NICs of its subnet, an instance holds at most 5, and a change binds one more.
            throw new ArgumentException("--hosts-per-subnet must be at least 3 and at most --hosts, and its NICs must hold --havips-per-subnet HAVIPs "
                + "bound to 2 each with one NIC left for the changes: --havips-per-subnet at most 5 × (--hosts-per-subnet − 1) / 2.");
        }
        if (options.SeedCache is not null && options.Database is not null && !options.NamesNoDatabase)
        {
            throw new ArgumentException("--seed-cache on PostgreSQL needs a --database that names no database: the cache is a database of its own, copied for each run.");
        }
        return options;
    }

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Smoke ? "SMOKE RUN (sizes too small to measure anything), " : "")}{(ApiSeed ? "seeded through the API, " : "")}server {Build}, {(Database is null ? "SQLite" : "PostgreSQL")}, {Replicas} replica(s), {Hosts} hosts, "
        + $"{Hosts * InstancesPerHost} instances ({InstancesPerHost} per host), {Subnets} subnets of {HostsPerSubnet} NICs, "
        + $"{Subnets * HaVipsPerSubnet} HAVIPs bound to 2 instances each{(Placement.Dense(this) ? " (dense: every instance but the changes' at up to 5)" : "")}, {ChangesPerRound} changes per mode and round, {Rounds} round(s), "
        + $"{(SkipResync ? "no re-sync, " : "")}{(Rate > 0 ? "then changes at a steady rate per second of " : "no steady phase")}{(Rate > 0 ? Rate : null):0.#}{(Rate > 0 ? $" for {RateSeconds} s" : "")}");
}
