namespace HaVip.Domain.Health;

/// <summary>
/// A HAVIP's health: every rule of <see cref="FindingRules.All"/> over one view, at one moment.
/// Pure: the same view and moment give the same findings, so a finding's start and end are exact
/// on a virtual clock.
/// </summary>
public static class ClusterHealth
{
    /// <summary>
    /// Slack on timing rules beyond the protocol bound: the agent's sweep (50 ms), two report
    /// deliveries and a database write on a loaded server.
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// RFC 3768 §6.1 for keepalived's defaults (advert_int 1 s, priority 100, v2):
    /// 3 s + (256 − 100)/256 s. How long a bound instance never heard from gets before it counts as silent.
    /// </summary>
    public static readonly TimeSpan DefaultMasterDownInterval = TimeSpan.FromMicroseconds(3_609_375);

    /// <summary>The findings that stand at <paramref name="now"/>, in code order; none means ok.</summary>
    public static IReadOnlyList<HealthFinding> Evaluate(ClusterView view, DateTime now) =>
        FindingRules.All.Select(rule => rule(view)).OfType<HealthFinding>().Where(f => f.Since <= now).OrderBy(f => f.Code).ToList();

    /// <summary>
    /// When the standing findings can next change by time alone (a rule whose condition holds but
    /// whose moment has not come): the server's next evaluation. Null when only a report can.
    /// </summary>
    public static DateTime? NextChange(ClusterView view, DateTime now) =>
        FindingRules.All.Select(rule => rule(view)).OfType<HealthFinding>().Where(f => f.Since > now).Select(f => (DateTime?)f.Since).Min();
}
