using HaVip.Net;
using HaVip.Vrrpd.Logging;

namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    /// <summary>A datagram from this instance's interface with its VRID (or unreadable): decoded, counted, handled.</summary>
    public void Receive(ReadOnlySpan<byte> datagram)
    {
        if (IsStopped)
            return;
        var (e, drop) = _codec.Read(datagram);
        if (drop != DropReason.None)
        {
            Counters.Drop(drop);
            Log.AdvertDropped(_log, Plan.Name, drop, null, null);
        }

        if (e is null)
            return;
        Counters.AdvertIn(_time.GetUtcNow());
        Handle(e);
    }
}
