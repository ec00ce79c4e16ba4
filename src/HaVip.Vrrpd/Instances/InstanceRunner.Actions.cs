using System.Net;
using HaVip.Net.Vrrp;
using HaVip.Vrrp.Config;
using HaVip.Vrrp.Machine;
using HaVip.Vrrpd.Logging;

namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    private static readonly IPAddress[] Ipv4Multicast = [VrrpProtocol.IPv4Multicast];
    private static readonly IPAddress[] Ipv6Multicast = [VrrpProtocol.IPv6Multicast];

    private void Execute(IReadOnlyList<VrrpAction> actions)
    {
        // By index: a foreach over the interface would allocate an enumerator on every advert.
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            try
            {
                Execute(action);
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or HaVip.Linux.Netlink.NetlinkException)
            {
                // Expected while our link is down (a SocketException is a Win32Exception, so is a
                // failed sendmsg of the IPv6 socket): one line, no stack.
                Log.ActionRefused(_log, Plan.Name, action.GetType().Name, ex.Message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One failed system call (a route the kernel refuses) must not stop the election.
                Log.ActionFailed(_log, Plan.Name, action.GetType().Name, ex);
            }
        }
    }

    private void Execute(VrrpAction action)
    {
        switch (action)
        {
            case SendAdvert s: SendAdverts(s); break;
            case SendGratuitousArp g: SendGarp(g); break;
            case AddVirtualAddresses a: AddAddresses(a.Addresses); break;
            case RemoveVirtualAddresses r: RemoveAddresses(r.Addresses); break;
            case AddVirtualRoutes a: Each(a.Routes, _io.AddRoute); break;
            case RemoveVirtualRoutes r: Each(r.Routes, _io.RemoveRoute); break;
            case AddVirtualRules a: Each(a.Rules, _io.AddRule); break;
            case RemoveVirtualRules r: Each(r.Rules, _io.RemoveRule); break;
            case RunNotify n: _notify.Run(Plan, n.Kind, n.Priority); break;
            case StateChanged c: OnStateChanged(c); break;
            case AdvertDiscarded d: OnDiscarded(d); break;
        }
    }

    /// <summary>keepalived (vrrp_state_become_master): the drop rule goes in before the addresses.</summary>
    private void AddAddresses(IReadOnlyList<VirtualAddress> addresses)
    {
        if (Plan.DropsVipTraffic)
        {
            Log.FirewallRule(_log, Plan.Name, "setting");
            _io.BlockTraffic(addresses);
        }

        Each(addresses, _io.AddAddress);
    }

    /// <summary>After the addresses, even if removing one failed: a rule left behind would drop a new master's traffic.</summary>
    private void RemoveAddresses(IReadOnlyList<VirtualAddress> addresses)
    {
        try
        {
            Each(addresses, _io.RemoveAddress);
        }
        finally
        {
            if (Plan.DropsVipTraffic)
            {
                Log.FirewallRule(_log, Plan.Name, "removing");
                _io.UnblockTraffic(addresses);
            }
        }
    }

    private void SendAdverts(SendAdvert s)
    {
        var destinations = s.Destinations.Count > 0 ? s.Destinations
            : Plan.Options.PrimaryAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? Ipv6Multicast : Ipv4Multicast;
        for (var i = 0; i < destinations.Count; i++)
        {
            var destination = destinations[i];
            _io.SendAdvert(_codec.Datagram(s.Priority, destination), destination);
            Counters.AdvertOut();
        }
    }

    private void SendGarp(SendGratuitousArp g)
    {
        if (g.Reason == GarpReason.LowerPriorityAdvert)
            Log.Reannounce(_log, Plan.Name);
        if (g.Interval <= TimeSpan.Zero || g.Count <= 1)
        {
            for (var i = 0; i < g.Count; i++)
                GarpOnce(g.Addresses);
            return;
        }

        // vrrp_garp_interval spaces the packets of a burst; the loop must not wait for it.
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < g.Count; i++)
            {
                if (i > 0)
                    await Task.Delay(g.Interval, _time);
                GarpOnce(g.Addresses);
            }
        });
    }

    /// <summary>A gratuitous ARP per IPv4 address, an unsolicited Neighbor Advertisement per IPv6 one.</summary>
    private void GarpOnce(IReadOnlyList<IPAddress> addresses)
    {
        foreach (var address in addresses)
        {
            _io.SendGratuitousArp(address);
            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                Counters.NeighborAdvertOut();
            else
                Counters.GarpOut();
        }
    }

    private void OnStateChanged(StateChanged c)
    {
        Log.StateChanged(_log, Plan.Name, c.To.ToString().ToUpperInvariant(), c.From.ToString().ToUpperInvariant(), c.Reason, _router.Priority);
        (_reason, _since) = (c.Reason, _time.GetUtcNow());
        Counters.Transition(c.Reason);
        if (c.To == VrrpState.Master)
            (_master, _masterPriority) = (Plan.Options.PrimaryAddress, _router.Priority);
        else if (c.To != VrrpState.Backup)
            (_master, _masterPriority) = (null, null);
        GroupChanged?.Invoke(this, c);
    }

    private void OnDiscarded(AdvertDiscarded d)
    {
        Counters.Drop(d.Reason);
        Log.AdvertDropped(_log, Plan.Name, d.Reason, d.Source, d.Priority);
    }

    private static void Each<T>(IEnumerable<T> items, Action<T> act)
    {
        foreach (var item in items)
            act(item);
    }
}
