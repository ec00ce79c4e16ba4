using System.Net;
using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

/// <summary>One router on the <see cref="SimulatedLan"/>.</summary>
internal sealed class SimNode(string name, VrrpRouterOptions options, VrrpRouter router)
{
    public string Name { get; } = name;

    public VrrpRouterOptions Options { get; } = options;

    public VrrpRouter Router { get; } = router;

    public IPAddress Address => Options.PrimaryAddress;

    /// <summary>A crashed node neither ticks nor sends nor receives, and says nothing on the way down.</summary>
    public bool Crashed { get; set; }

    public VrrpState State => Router.State;
}
