using System.Net;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using Microsoft.Extensions.Time.Testing;

namespace HaVip.Vrrp.Tests.Machine;

/// <summary>
/// A broadcast segment on a virtual clock. Every SendAdvert reaches the other routers instantly
/// (or only the listed unicast peers) unless a link is cut or the sender's next adverts are set to
/// be lost. The receive side models the codec layer: it hands over the sender's address list,
/// interval and v2 password, and the routers judge them.
/// </summary>
internal sealed class SimulatedLan
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<SimNode> _nodes = [];
    private readonly HashSet<(string, string)> _cut = [];
    private readonly Dictionary<string, int> _dropNext = [];
    private readonly Queue<(SimNode To, AdvertReceived Advert)> _inFlight = new();

    public FakeTimeProvider Clock { get; } = new(T0);

    public List<LoggedAction> Log { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    public static IReadOnlyList<VirtualAddress> Vips { get; } = [new(IPAddress.Parse("192.168.177.204"), 24) { Device = "eth1" }];

    public SimNode this[string name] => _nodes.Single(n => n.Name == name);

    public SimNode Add(string name, byte priority, int lastOctet, Func<VrrpRouterOptions, VrrpRouterOptions>? configure = null)
    {
        var options = new VrrpRouterOptions
        {
            VirtualRouterId = 51,
            Priority = priority,
            PrimaryAddress = IPAddress.Parse($"10.0.240.{lastOctet}"),
            VirtualAddresses = Vips,
        };
        options = configure?.Invoke(options) ?? options;
        var node = new SimNode(name, options, new VrrpRouter(options, Clock));
        _nodes.Add(node);
        return node;
    }

    public void Start(params string[] names)
    {
        foreach (var name in names)
            Send(this[name], new Start());
    }

    public void Send(SimNode node, VrrpEvent e)
    {
        Record(node, node.Router.Handle(e));
        Deliver();
    }

    public void Crash(string name) => this[name].Crashed = true;

    public void Cut(string a, string b)
    {
        _cut.Add((a, b));
        _cut.Add((b, a));
    }

    public void Heal(string a, string b)
    {
        _cut.Remove((a, b));
        _cut.Remove((b, a));
    }

    /// <summary>The next <paramref name="count"/> adverts sent by <paramref name="name"/> reach nobody.</summary>
    public void LoseNextAdverts(string name, int count) => _dropNext[name] = count;

    public void RunFor(TimeSpan span) => RunUntil(Now + span);

    /// <summary>Advances the clock deadline by deadline, ticking each router exactly at its deadline.</summary>
    public void RunUntil(DateTimeOffset until)
    {
        while (_nodes.Where(n => !n.Crashed).Select(n => n.Router.NextDeadline).Min() is { } next && next <= until)
        {
            if (next > Now)
                Clock.SetUtcNow(next);
            // Every timer due now fires before any packet arrives: two routers whose timers expire
            // together both act, as on a real wire where delivery takes time.
            foreach (var node in _nodes.Where(n => !n.Crashed && n.Router.NextDeadline <= Now))
                Record(node, node.Router.Tick());
            Deliver();
        }

        if (until > Now)
            Clock.SetUtcNow(until);
    }

    private void Record(SimNode node, IReadOnlyList<VrrpAction> actions)
    {
        foreach (var action in actions)
        {
            Log.Add(new LoggedAction(Now, node.Name, action));
            if (action is SendAdvert advert)
                Broadcast(node, advert);
        }
    }

    private void Deliver()
    {
        while (_inFlight.TryDequeue(out var delivery))
        {
            if (!delivery.To.Crashed)
                Record(delivery.To, delivery.To.Router.Handle(delivery.Advert));
        }
    }

    private void Broadcast(SimNode from, SendAdvert advert)
    {
        if (from.Crashed)
            return;
        if (_dropNext.TryGetValue(from.Name, out var left) && left > 0)
        {
            _dropNext[from.Name] = left - 1;
            return;
        }

        var packet = new AdvertReceived(from.Address, advert.Priority, advert.AdverInterval,
            from.Options.VirtualAddresses.Select(a => a.Address).ToList(), from.Options.AuthPassword);
        foreach (var to in _nodes.Where(n => n != from && !n.Crashed && !_cut.Contains((from.Name, n.Name))))
        {
            if (advert.Destinations.Count == 0 || advert.Destinations.Contains(to.Address))
                _inFlight.Enqueue((to, packet));
        }
    }

    // Queries over the log.
    public IEnumerable<LoggedAction> Of<T>(string node)
        where T : VrrpAction => Log.Where(l => l.Node == node && l.Action is T);

    public DateTimeOffset BecameMasterAt(string node) =>
        Of<StateChanged>(node).Last(l => ((StateChanged)l.Action).To == VrrpState.Master).At;

    public DateTimeOffset LastAdvertAt(string node) => Of<SendAdvert>(node).Last().At;

    public IEnumerable<string> Masters => _nodes.Where(n => !n.Crashed && n.State == VrrpState.Master).Select(n => n.Name);
}
