using HaVip.Vrrpd.Logging;

namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    /// <summary>A datagram from this instance's interface with its VRID (or unreadable): decoded, counted, handled.</summary>
    public void Receive(ReadOnlySpan<byte> datagram)
    {
        if (IsStopped)
            return;

        // Raw sockets also see our own unicast adverts on some paths; they are not a peer.
        if (datagram.Length >= 20 && datagram.Slice(12, 4).SequenceEqual(_primary))
            return;
        var (e, drop) = _codec.Read(datagram);
        if (drop is not null)
        {
            Counters.Drop(drop);
            Log.AdvertDropped(_log, Plan.Name, drop);
        }

        if (e is null)
            return;
        Counters.AdvertIn();
        Handle(e);
    }
}
