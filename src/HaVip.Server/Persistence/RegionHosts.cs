using HaVip.Storage;
using Microsoft.EntityFrameworkCore;

namespace HaVip.Server.Persistence;

/// <summary>
/// Whether any agent ever registered a host in this region: the rule that switches on
/// host-dependent status and findings (docs/operations.md). Once true it stays true (a region
/// that had hosts has hosts); while false it is asked again at most once per
/// <see cref="Recheck"/>, so a region without agents does not pay a query on every read for it.
/// A host registered through another replica is therefore seen here within one recheck, far
/// inside the stale threshold that any host-dependent finding waits for anyway.
/// </summary>
public sealed class RegionHosts(TimeProvider time)
{
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);
    private volatile bool _any;
    private long _askedAt = long.MinValue;

    public async Task<bool> AnyAsync(HaVipDbContext db, CancellationToken ct)
    {
        if (_any)
        {
            return true;
        }
        var now = time.GetTimestamp();
        var asked = Interlocked.Read(ref _askedAt);
        if (asked != long.MinValue && time.GetElapsedTime(asked, now) < Recheck)
        {
            return false;
        }
        var any = await db.Hosts.AnyAsync(ct);
        Interlocked.Exchange(ref _askedAt, now);
        _any = any;
        return any;
    }

    /// <summary>This replica registered a host: no need to ask.</summary>
    public void Registered() => _any = true;
}
