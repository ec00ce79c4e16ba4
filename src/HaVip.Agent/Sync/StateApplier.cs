using System.Diagnostics;
using HaVip.Agent.Links;
using HaVip.Agent.Metrics;
using HaVip.Agent.Rules;
using HaVip.Contracts.Agents;
using HaVip.Linux.Commands;

namespace HaVip.Agent.Sync;

/// <summary>
/// Applies one desired state: devices first, then the ruleset (only when its text changed, so a
/// re-apply of the same state leaves the kernel alone). Failures become per-HAVIP reasons.
/// </summary>
internal sealed class StateApplier(LinkReconciler links, CommandRunner commands, AgentMetrics metrics)
{
    private string? _appliedRules;

    public async Task<ApplyOutcome> ApplyAsync(DesiredStateDto state, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        Dictionary<string, string> portErrors;
        string? hostError = null;
        try
        {
            portErrors = await links.ReconcileAsync(state, ct);
        }
        catch (CommandFailedException e)
        {
            portErrors = [];
            hostError = e.Message;
        }
        var rules = NftRenderer.Render(state);
        var changed = rules != _appliedRules;
        if (changed && hostError is null)
        {
            var result = await commands.RunAsync("nft", ["-f", "-"], rules, ct);
            if (result.Succeeded)
            {
                _appliedRules = rules;
            }
            else
            {
                hostError = $"nft -f failed: {result.Error.Trim()}";
            }
        }
        var errors = HaVipErrors.From(state, portErrors, hostError);
        metrics.Applied(errors.Count == 0, watch.Elapsed);
        return new ApplyOutcome(state.Sequence, errors, changed);
    }

    /// <summary>Forget what was applied: the next apply writes the ruleset even if unchanged.</summary>
    public void Invalidate() => _appliedRules = null;
}
