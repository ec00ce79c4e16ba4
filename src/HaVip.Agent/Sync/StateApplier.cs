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
/// (a binding change then costs one `nft -f` and its listing), and the periodic re-read still repairs drift.
/// It remembers the last state and how the kernel listed the table it wrote, so
/// <see cref="DriftAsync"/> can tell what changed behind its back; one apply, check or decision
/// refresh at a time (a refresh racing an apply could otherwise re-add a decision it replaced).
/// </summary>
internal sealed class StateApplier(LinkReconciler links, CommandRunner commands, AgentMetrics metrics, TimeProvider? time = null, ServerContact? contact = null)
{
    public static readonly TimeSpan DeviceRecheck = TimeSpan.FromSeconds(30);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _appliedRules;
    private string? _listedRules;
    private DesiredStateDto? _lastState;
    private DesiredStateDto? _appliedState;
    private string? _reconciledShape;
    private long _reconciledAt;

    public async Task<ApplyOutcome> ApplyAsync(DesiredStateDto state, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await ApplyLockedAsync(state, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What in the kernel differs from the last apply (see <see cref="KernelDrift"/>); empty before the first apply.</summary>
    public async Task<IReadOnlyList<string>> DriftAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_lastState is null)
            {
                return [];
            }
            var listing = await ListRulesAsync(ct);
            var devices = KernelLink.ParseAll((await commands.RunCheckedAsync("ip", ["-j", "-d", "link", "show"], ct: ct)).Output);
            return KernelDrift.Find(_lastState, _listedRules, listing, devices);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Applies the last state again from scratch (devices read, ruleset written); null before the first apply.</summary>
    public async Task<ApplyOutcome?> RepairAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_lastState is null)
            {
                return null;
            }
            Invalidate();
            return await ApplyLockedAsync(_lastState, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Restarts the timeouts of the last state's decision and silence-gate elements (<see cref="ArbitrationRules"/>, <see cref="SilenceRules"/>)
    /// while the agent is in contact with the server; returns whether it wrote any.
    /// </summary>
    public async Task<bool> RefreshDecisionsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return await RefreshLockedAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forget what was applied: the next apply reads the devices and writes the ruleset even if unchanged.</summary>
    public void Invalidate()
    {
        _appliedRules = null;
        _reconciledShape = null;
    }

    private async Task<ApplyOutcome> ApplyLockedAsync(DesiredStateDto state, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (portErrors, hostError) = await ReconcileDevicesAsync(state, ct);
        var rules = NftRenderer.Render(state);
        var changed = rules != _appliedRules;
        if (changed && hostError is null)
        {
            var result = await WriteRulesAsync(state, rules, ct);
            if (result.Succeeded)
            {
                _appliedRules = rules;
                _appliedState = state;
                // The kernel's own listing is what later ones are compared with: its formatting is not the rendered text's.
                var listing = await ListRulesAsync(ct);
                _listedRules = listing.Succeeded ? KernelDrift.Normalize(listing.Output) : "";
            }
            else
            {
                hostError = $"nft -f failed: {result.Error.Trim()}";
            }
        }
        _lastState = state;
        var errors = HaVipErrors.From(state, portErrors, hostError);
        metrics.Applied(errors.Count == 0, watch.Elapsed);
        return new ApplyOutcome(state.Sequence, errors, changed);
    }

    /// <summary>
    /// Writes the ruleset and, in the same transaction, the decision and silence-gate elements (while
    /// in contact). Over a table this applier wrote, the write rewrites it in place and keeps the data
    /// path's <c>armed</c>, <c>heard</c> and <c>speaking</c> sets (<see cref="NftRenderer.RenderUpdate"/>,
    /// <see cref="DynamicSets"/>): an element the kernel adds while the agent applies (a backup's
    /// first advert right as the decision moves) is never lost. Otherwise (the first apply, a repair,
    /// or a table not as applied, which the in-place write fails on) the table is written afresh.
    /// </summary>
    private async Task<CommandResult> WriteRulesAsync(DesiredStateDto state, string rules, CancellationToken ct)
    {
        var decided = contact is { InContact: false } ? "" : ArbitrationRules.RenderRefresh(state);
        if (_appliedState is { } applied && _appliedRules is not null)
        {
            // The stale elements' deletes come last: the old rules run until the commit, so an element they
            // add after its delete was processed would outlive it; this keeps that window as short as it can be.
            var update = await commands.RunAsync("nft", ["-f", "-"], NftRenderer.RenderUpdate(applied, state) + decided + DynamicSets.RenderStale(applied, state), ct);
            if (update.Succeeded)
            {
                return update;
            }
        }
        return await commands.RunAsync("nft", ["-f", "-"], rules + decided, ct);
    }

    private async Task<bool> RefreshLockedAsync(CancellationToken ct)
    {
        var refresh = _lastState is null || _appliedRules is null ? "" : ArbitrationRules.RenderRefresh(_lastState);
        if (refresh.Length == 0 || contact is { InContact: false })
        {
            return false;
        }
        var result = await commands.RunAsync("nft", ["-f", "-"], refresh, ct);
        return result.Succeeded;
    }

    private Task<CommandResult> ListRulesAsync(CancellationToken ct) =>
        commands.RunAsync("nft", ["-j", "list", "table", "bridge", NftRenderer.Table], ct: ct);

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
