using HaVip.Domain.Errors;
using HaVip.Domain.HaVips;
using HaVip.Server.Http;
using HaVip.Server.Persistence;
using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Agents;

/// <summary>Spoof reports and the caller's instances; registration is <see cref="HostDirectory"/>, acks and holders go to <see cref="ReportBatcher"/>.</summary>
public sealed class AgentService(HaVipDbContext db, WriteGate gate)
{
    /// <summary>True when the instance runs on the calling agent's host (an unknown instance runs nowhere).</summary>
    public Task<bool> RunsOnCallerHostAsync(string instanceId, Caller caller, CancellationToken ct) =>
        db.Instances.AnyAsync(i => i.Id == instanceId && i.Host != null && i.Host == caller.Host, ct);

    /// <summary>
    /// Records a spoof attempt on the timeline of a HAVIP the host carries: the instance runs on
    /// <paramref name="host"/> and has a NIC in the HAVIP's subnet. Any other HAVIP, another
    /// account's included, is refused exactly like an id nobody has. The event is written from
    /// the server's records and validated values only, and says "unbound" only when it is.
    /// </summary>
    public Task SpoofAsync(SpoofSeen spoof, string host, CancellationToken ct) =>
        gate.RunAsync(db, async c =>
        {
            var vip = await db.HaVips.IgnoreAutoIncludes().Include(h => h.Bindings).FirstOrDefaultAsync(h => h.Id == spoof.HaVipId, c);
            var carried = vip is not null && await db.Instances.AnyAsync(
                i => i.Id == spoof.InstanceId && i.Host == host && i.Nics.Any(n => n.SubnetId == vip.SubnetId), c);
            if (!carried)
            {
                throw DomainException.NotFound("HAVIP", spoof.HaVipId);
            }
            var bound = vip!.IsBound(spoof.InstanceId);
            db.Events.Add(new HaVipEvent
            {
                HaVipId = vip.Id,
                At = spoof.ReceivedAt,
                Kind = HaVipEventKinds.SpoofAttempt,
                InstanceId = spoof.InstanceId,
                Message = bound
                    ? $"instance {spoof.InstanceId} ({spoof.MacAddress}) claimed the VIP before host {host} applied its binding; dropped ({spoof.Count} claim(s))"
                    : $"unbound instance {spoof.InstanceId} ({spoof.MacAddress}) claimed the VIP; dropped ({spoof.Count} claim(s))",
            });
            return true;
        }, WriteKind.Acknowledgement, ct);
}
