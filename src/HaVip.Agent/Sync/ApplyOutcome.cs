namespace HaVip.Agent.Sync;

/// <summary>What applying one desired state gave: per HAVIP why it is not in effect (empty when all is).</summary>
internal sealed record ApplyOutcome(long Sequence, IReadOnlyDictionary<string, string> Errors, bool RulesChanged)
{
    public bool Complete => Errors.Count == 0;
}
