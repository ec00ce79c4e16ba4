using System.Diagnostics;
using System.Globalization;
using HaVip.Bench.AgentCapture;

// The agent's cost of watching VRRP (issue 17): N instances on one host, each a master sending its
// adverts into its port, at each advert interval; the agent's CPU as % of one core, beside the same
// agent with no adverts at all, in interleaved rounds. Root (network namespaces).
// Usage: [--instances N] [--intervals 1000,100] [--batch 0,10] [--seconds S] [--rounds R] | --smoke
// (`send NETNS COUNT INTERVAL_MS` is the sender process the bench starts for itself.)
if (args is ["send", var netns, var count, var intervalMs])
{
    return await AdvertSender.RunAsync(netns, int.Parse(count, CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(int.Parse(intervalMs, CultureInfo.InvariantCulture)));
}
var smoke = args.Contains("--smoke");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var instances = int.Parse(Option("--instances") ?? (smoke ? "20" : "1000"), CultureInfo.InvariantCulture);
var intervals = (Option("--intervals") ?? "1000,100").Split(',').Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToArray();
var window = TimeSpan.FromSeconds(int.Parse(Option("--seconds") ?? (smoke ? "2" : "30"), CultureInfo.InvariantCulture));
var rounds = int.Parse(Option("--rounds") ?? (smoke ? "1" : "3"), CultureInfo.InvariantCulture);

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"# agent capture, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}, {instances} advertising instances, {window.TotalSeconds:0} s windows, {rounds} rounds"));
await using var lab = await CaptureLab.CreateAsync(instances, CancellationToken.None);
// The capture thread's pause between batches (PortWatchers): each setting is a fresh agent, the
// settings alternate within every round, so drift of the machine falls on all alike.
var batches = (Option("--batch") ?? "0,10").Split(',').Select(b => TimeSpan.FromMilliseconds(int.Parse(b, CultureInfo.InvariantCulture))).ToArray();
var phases = batches.SelectMany(b => new[] { "no adverts" }.Concat(intervals.Select(Interval)).Select(p => Phase(b, p))).ToArray();
var cpu = phases.ToDictionary(p => p, _ => new List<double>());
var reports = phases.ToDictionary(p => p, _ => 0);
var failures = new List<string>();
for (var round = 0; round < rounds && failures.Count == 0; round++)
{
    foreach (var batch in round % 2 == 0 ? batches : batches.Reverse())
    {
        using var agent = new AgentCapture(lab, batch);
        var (idle, _) = await MeasureAsync(agent, window);
        cpu[Phase(batch, "no adverts")].Add(idle);
        foreach (var interval in intervals)
        {
            var phase = Phase(batch, Interval(interval));
            var started = agent.Started;
            var stopped = agent.Stopped;
            using var sender = StartSender(lab.InstancesNs, instances, interval);
            if (!await UntilAsync(() => agent.Started - started >= instances, TimeSpan.FromSeconds(60)))
            {
                failures.Add($"{phase}: {agent.Started - started} of {instances} instances reported advertising within 60 s");
                break;
            }
            var (busy, sent) = await MeasureAsync(agent, window);
            cpu[phase].Add(busy);
            reports[phase] += sent;
            sender.StandardInput.Close();
            var output = await sender.StandardOutput.ReadToEndAsync();
            await sender.WaitForExitAsync();
            // Each stop is reported once the instance's Master_Down_Interval has passed without an advert.
            if (!await UntilAsync(() => agent.Stopped - stopped >= instances, TimeSpan.FromSeconds(60)))
            {
                failures.Add($"{phase}: {agent.Stopped - stopped} of {instances} stops reported within 60 s after the sender ({output.Trim()}) stopped");
            }
        }
    }
}
if (failures.Count > 0)
{
    Console.WriteLine("FAILED: " + string.Join("; ", failures));
    return 1;
}
foreach (var phase in phases)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {phase,-36} agent CPU median {Median(cpu[phase]):0.00} % of a core (rounds: {string.Join(", ", cpu[phase].Select(c => c.ToString("0.00", CultureInfo.InvariantCulture)))}); reports sent while steady: {reports[phase]}"));
}
return 0;

static string Phase(TimeSpan batch, string load) => string.Create(CultureInfo.InvariantCulture, $"batch {batch.TotalMilliseconds:0} ms, {load}");

static string Interval(int ms) => string.Create(CultureInfo.InvariantCulture, $"advert_int {ms / 1000.0:0.###} s");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

// The process's CPU over a window in which it does nothing but the agent's capture; the reports the
// agent sent in it (a steady cluster changes nothing, so none).
static async Task<(double Percent, int Reports)> MeasureAsync(AgentCapture agent, TimeSpan window)
{
    var process = Process.GetCurrentProcess();
    var reports = agent.Reports;
    var cpu = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    await Task.Delay(window);
    process.Refresh();
    return (100 * (process.TotalProcessorTime - cpu) / clock.Elapsed, agent.Reports - reports);
}

static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan within)
{
    var clock = Stopwatch.StartNew();
    while (!condition())
    {
        if (clock.Elapsed > within)
        {
            return false;
        }
        await Task.Delay(50);
    }
    return true;
}

static Process StartSender(string netns, int count, int intervalMs)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(AgentCapture).Assembly.Location);
    }
    foreach (var argument in new[] { "send", netns, count.ToString(CultureInfo.InvariantCulture), intervalMs.ToString(CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(argument);
    }
    return Process.Start(start) ?? throw new InvalidOperationException("the advert sender did not start");
}
