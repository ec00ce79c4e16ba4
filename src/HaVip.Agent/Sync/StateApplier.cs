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
/// Reading the devices costs three process runs; when their part of the state is the one last
/// reconciled without errors, less than <see cref="DeviceRecheck"/> ago, they are not read again
/// (a binding change then costs one `nft -f`), and the periodic re-read still repairs drift.
/// </summary>
internal sealed class StateApplier(LinkReconciler links, CommandRunner commands, AgentMetrics metrics, TimeProvider? time = null)
{
    public static readonly TimeSpan DeviceRecheck = TimeSpan.FromSeconds(30);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private string? _appliedRules;
    private string? _reconciledShape;
    private long _reconciledAt;

    public async Task<ApplyOutcome> ApplyAsync(DesiredStateDto state, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (portErrors, hostError) = await ReconcileDevicesAsync(state, ct);
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

    /// <summary>Forget what was applied: the next apply reads the devices and writes the ruleset even if unchanged.</summary>
    public void Invalidate()
    {
        _appliedRules = null;
        _reconciledShape = null;
    }

    private async Task<(IReadOnlyDictionary<string, string> PortErrors, string? HostError)> ReconcileDevicesAsync(DesiredStateDto state, CancellationToken ct)
    {
        var shape = DeviceShape.Of(state);
        if (shape == _reconciledShape && _time.GetElapsedTime(_reconciledAt) < DeviceRecheck)
        {
            return (new Dictionary<string, string>(), null);
        }
        _reconciledShape = null;
        try
        {
            var portErrors = await links.ReconcileAsync(state, ct);
            if (portErrors.Count == 0)
            {
                _reconciledShape = shape;
                _reconciledAt = _time.GetTimestamp();
            }
            return (portErrors, null);
        }
        catch (CommandFailedException e)
        {
            return (new Dictionary<string, string>(), e.Message);
        }
    }
}
