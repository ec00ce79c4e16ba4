using HaVip.Vrrpd.Logging;
using Microsoft.Extensions.Logging;

namespace HaVip.Vrrpd.Instances;

internal sealed partial class InstanceRunner
{
    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        var buffer = new byte[2048];
        while (!stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = await _io.ReceiveAsync(buffer, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                Log.ReceiveFailed(_log, Plan.Name, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            OnDatagram(buffer.AsSpan(0, n));
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        // Raw sockets also see our own unicast adverts on some paths; they are not a peer.
        if (datagram.Length >= 20 && Plan.Options.PrimaryAddress.Equals(new System.Net.IPAddress(datagram.Slice(12, 4))))
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
        Post(e);
    }
}
