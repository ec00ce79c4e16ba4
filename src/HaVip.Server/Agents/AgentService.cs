using HaVip.Domain.HaVips;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>Host registration and spoof reports; acks and holders go to <see cref="HostReportService"/>.</summary>
public sealed class AgentService(HaVipDbContext db, WriteGate gate, HostRegistry registry)
{
    /// <summary>A new or moved host changes the tunnels of every host sharing a subnet with it: a new change number.</summary>
    public Task RegisterAsync(string host, string underlayIp, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            if (registry.Register(host, underlayIp))
            {
                await db.NextChangeSequenceAsync(c);
            }
            return true;
        }, ct);

    /// <summary>True when the instance runs on the calling agent's host (an unknown instance runs nowhere).</summary>
    public Task<bool> RunsOnCallerHostAsync(string instanceId, Caller caller, CancellationToken ct) =>
        db.Instances.AnyAsync(i => i.Id == instanceId && i.Host != null && i.Host == caller.Host, ct);

    public Task SpoofAsync(string haVipId, string instanceId, string mac, long count, DateTime seenAt, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            if (await db.HaVips.AnyAsync(h => h.Id == haVipId, c))
            {
                db.Events.Add(new HaVipEvent
                {
                    HaVipId = haVipId,
                    At = seenAt,
                    Kind = HaVipEventKinds.SpoofAttempt,
                    InstanceId = instanceId,
                    Message = $"unbound instance {instanceId} ({mac}) claimed the VIP; dropped ({count} claim(s))",
                });
            }
            return true;
        }, WritePriority.Acknowledgement, ct);
}
