using HaVip.Contracts.Api;
using HaVip.Contracts.Client;
using HaVip.Lab.Api;
using HaVip.Lab.Processes;
using HaVip.Lab.Topology;
using HaVip.Linux.Commands;
using HaVip.Linux.Namespaces;

namespace HaVip.Lab;

/// <summary>
/// The whole system on one machine: the server, an underlay, host namespaces each with an agent,
/// instances as namespaces with responders, and a client. Built from a <see cref="LabSpec"/>,
/// torn down completely by <see cref="DownAsync"/> (also after a partial start).
/// </summary>
public sealed partial class TestBed : IAsyncDisposable
{
    private readonly CommandRunner _commands = new();
    private readonly NetnsCommands _netns;
    private readonly Launcher _launcher;

    private TestBed(LabState state)
    {
        State = state;
        Names = new LabNames(state.Prefix);
        _netns = new NetnsCommands(_commands);
        _launcher = new Launcher(state.StateDir);
        Api = new HaVipApiClient(UnixHttp.Create(state.Socket, TimeSpan.FromSeconds(30)));
        UseAdminKey();
    }

    /// <summary>The admin key the lab's server wrote into its data directory at its first start.</summary>
    public string AdminKeyFile => Path.Combine(State.StateDir, "data", "admin.key");

    /// <summary>Sends the server's admin key from now on, once the server has written it.</summary>
    private void UseAdminKey()
    {
        if (File.Exists(AdminKeyFile))
        {
            Api.UseKey(File.ReadAllText(AdminKeyFile).Trim());
        }
    }

    public LabState State { get; }

    public LabNames Names { get; }

    public HaVipApiClient Api { get; }

    /// <summary>Reattaches to a lab another process started.</summary>
    public static TestBed? Attach(string stateDir) => LabState.Load(stateDir) is { } state ? new TestBed(state) : null;

    /// <param name="httpUrl">Where the server also listens for browsers (null: only its Unix socket).</param>
    public static async Task<TestBed> UpAsync(LabSpec spec, string? httpUrl, Action<string> progress, CancellationToken ct)
    {
        if (Privileges.WhyNoLab() is { } why)
        {
            throw new LabUnavailableException(why);
        }
        Directory.CreateDirectory(spec.StateDir);
        var names = LabNames.NewRandom();
        if (spec.Replicas is < 1 or > 2 || (spec.Replicas > 1 && spec.Database is null))
        {
            throw new ArgumentException("a lab runs 1 or 2 server replicas, and 2 only on a shared PostgreSQL database (LabSpec.Database)", nameof(spec));
        }
        var state = new LabState(names.Prefix, Path.GetFullPath(spec.StateDir), Path.Combine(Path.GetFullPath(spec.StateDir), "server.sock"), httpUrl, [], [], [],
            spec.VerifyInterval?.TotalSeconds, spec.Database, spec.Replicas);
        state.Save();
        var bed = new TestBed(state);
        try
        {
            await bed.BuildAsync(spec, progress, ct);
            return bed;
        }
        catch
        {
            await bed.DownAsync();
            throw;
        }
    }

    public string InstanceId(string name) => State.InstanceIds.TryGetValue(name, out var id) ? id : throw new ArgumentException($"no instance {name} in the lab");

    public string NameOf(string instanceId) => State.InstanceIds.First(p => p.Value == instanceId).Key;

    public ValueTask DisposeAsync() => new(DownAsync());

    /// <summary>Gives an inventory instance its namespace on its host (say, one created after the lab came up).</summary>
    public async Task AddInstanceAsync(InstanceDto instance, CancellationToken ct)
    {
        var subnets = await SubnetsAsync(ct);
        await new VmBuilder(_netns, Names).CreateAsync(instance, instance.Host!, subnets, ct);
        State.InstanceIds[instance.Name] = instance.Id;
        State.Hosts[instance.Name] = instance.Host!;
        State.Save();
    }

    private async Task BuildAsync(LabSpec spec, Action<string> progress, CancellationToken ct)
    {
        progress("starting the server");
        for (var replica = 0; replica < State.Replicas; replica++)
        {
            await StartServerAsync(replica, ct);
        }
        progress("building the underlay and hosts");
        var underlay = new Underlay(_netns, Names);
        await underlay.CreateAsync(ct);
        var hosts = spec.Hosts;
        for (var i = 0; i < hosts.Count; i++)
        {
            await underlay.AddHostAsync(hosts[i], i, ct);
        }
        progress("placing instances");
        var instances = await PlaceAsync(spec, ct);
        var subnets = await SubnetsAsync(ct);
        var vms = new VmBuilder(_netns, Names);
        foreach (var instance in instances)
        {
            await vms.CreateAsync(instance, State.Hosts[instance.Name], subnets, ct);
        }
        State.Save();
        progress("starting agents and responders");
        for (var i = 0; i < hosts.Count; i++)
        {
            await StartAgentAsync(hosts[i], Underlay.AddressOf(i), ct);
        }
        foreach (var instance in instances)
        {
            await StartProcessAsync("respond-" + instance.Name, Names.Vm(instance.Name),
                ["dotnet", Binaries.Agent, "respond", "--name", instance.Name, "--port", LabSpec.ResponderPort.ToString(System.Globalization.CultureInfo.InvariantCulture)], ct);
        }
        await WaitForAgentsAsync(hosts, ct);
        progress("connecting the external gateway");
        await AddExternalGatewayAsync(spec.ClientHost, ct);
    }

    private async Task AddExternalGatewayAsync(string host, CancellationToken ct)
    {
        var external = (await SubnetsAsync(ct)).FirstOrDefault(s => s.Type == NetworkType.External);
        var desired = await DesiredStateAsync(host, ct);
        if (external is not null && desired.Subnets.FirstOrDefault(s => s.Id == external.Id) is { } subnet)
        {
            await new ExternalGateway(_netns, Names).CreateAsync(subnet, host, ct);
        }
    }

    /// <summary>Every subnet of the lab's inventory (one page: the lab makes a handful).</summary>
    public async Task<IReadOnlyList<SubnetDto>> SubnetsAsync(CancellationToken ct) =>
        (await Api.ListSubnetsAsync(null, PageRequest.None, ct)).Items;

    private Task<InstanceDto> PlaceAsync(string instanceId, string host, CancellationToken ct) =>
        Api.UpdateInstanceAsync(instanceId, new UpdateInstanceRequest(Host: host), ct);

    private async Task<IReadOnlyList<InstanceDto>> PlaceAsync(LabSpec spec, CancellationToken ct)
    {
        var placed = new List<InstanceDto>();
        var existing = (await Api.ListInstancesAsync(null, null, PageRequest.None, ct)).Items;
        var internalSubnet = (await SubnetsAsync(ct)).First(s => s.Type == NetworkType.Internal);
        foreach (var (name, host) in spec.Placement.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var instance = existing.FirstOrDefault(i => i.Name == name);
            if (instance is null && spec.Created?.Contains(name) == true)
            {
                instance = await Api.CreateInstanceAsync(new CreateInstanceRequest(name, internalSubnet.VpcId, [new CreateNicRequest(internalSubnet.Id, "eth0")], host), ct);
            }
            placed.Add(await PlaceAsync((instance ?? throw new InvalidOperationException($"the inventory has no instance {name}")).Id, host, ct));
        }
        var client = existing.FirstOrDefault(i => i.Name == LabSpec.ClientName)
            ?? await Api.CreateInstanceAsync(new CreateInstanceRequest(LabSpec.ClientName, internalSubnet.VpcId, [new CreateNicRequest(internalSubnet.Id, "eth0")], spec.ClientHost), ct);
        placed.Add(await PlaceAsync(client.Id, spec.ClientHost, ct));
        foreach (var instance in placed)
        {
            State.InstanceIds[instance.Name] = instance.Id;
            State.Hosts[instance.Name] = instance.Host!;
        }
        return placed;
    }
}
