using System.Diagnostics;
using HaVip.Cli.Output;
using HaVip.Contracts.Api;
using Spectre.Console;

namespace HaVip.Cli.Commands;

/// <summary>What --wait waits for: a settled status, or the HAVIP gone after a delete.</summary>
internal enum WaitGoal
{
    Settled,
    Gone,
}

/// <summary>Where each followed HAVIP ended (null: gone), and those still unsettled when the time ran out.</summary>
internal sealed record WaitOutcome(IReadOnlyDictionary<string, HaVipDto?> Last, IReadOnlyList<string> Pending)
{
    public bool TimedOut => Pending.Count > 0;
}

/// <summary>
/// Follows HAVIPs by polling (the API has no push for clients): a live status line on a terminal,
/// a line per change when the output goes to a file or pipe, nothing in JSON mode.
/// </summary>
internal static class VipWait
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public static async Task<WaitOutcome> FollowAsync(ApiInvocation call, IReadOnlyList<string> ids, WaitGoal goal, TimeSpan timeout, CancellationToken ct)
    {
        if (!call.Out.IsJson && call.Out.Console.Profile.Capabilities.Interactive)
        {
            return await call.Out.Console.Status().StartAsync("waiting…", status =>
                PollAsync(call, ids, goal, timeout, line => status.Status(Markup.Escape(line)), ct));
        }
        return await PollAsync(call, ids, goal, timeout, call.Out.Note, ct);
    }

    public static bool IsSettled(HaVipDto? vip, WaitGoal goal) => goal switch
    {
        WaitGoal.Gone => vip is null || vip.Status == HaVipState.Failed,
        _ => vip is null || vip.Status is HaVipState.Available or HaVipState.Failed,
    };

    private static async Task<WaitOutcome> PollAsync(ApiInvocation call, IReadOnlyList<string> ids, WaitGoal goal, TimeSpan timeout, Action<string> report, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var last = new Dictionary<string, HaVipDto?>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = ids.Distinct(StringComparer.Ordinal).ToList();
        while (true)
        {
            foreach (var id in pending.ToArray())
            {
                var vip = await call.Api.FindHaVipAsync(id, ct);
                last[id] = vip;
                var state = vip is null ? "gone" : Cells.Lower(vip.Status);
                if (!seen.TryGetValue(id, out var before) || before != state)
                {
                    seen[id] = state;
                    report($"{id}: {state}{(vip?.StatusReason is { Length: > 0 } why ? $" ({why})" : "")}");
                }
                if (IsSettled(vip, goal))
                {
                    pending.Remove(id);
                }
            }
            if (pending.Count == 0 || clock.Elapsed >= timeout)
            {
                return new WaitOutcome(last, pending);
            }
            await Task.Delay(Interval, ct);
        }
    }
}
