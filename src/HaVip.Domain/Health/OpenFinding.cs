namespace HaVip.Domain.Health;

/// <summary>
/// A finding the HAVIP's timeline shows as started and not yet ended: what the leader last wrote
/// (<see cref="FindingTimeline"/>). The list filter and the by-finding gauge read these rows.
/// </summary>
public sealed class OpenFinding
{
    /// <summary>
    /// Ids kept per finding (about 40 characters each, within the 2048 of the column): a foreign
    /// cluster of a whole subnet is named by its first ones, the message says the rest.
    /// </summary>
    public const int MaxInstances = 48;

    public required string HaVipId { get; init; }

    public FindingCode Code { get; init; }

    /// <summary>The instances involved, comma-separated.</summary>
    public string Instances { get; private set; } = "";

    public DateTime Since { get; private set; }

    public string Message { get; private set; } = "";

    public static OpenFinding Of(string haVipId, HealthFinding finding)
    {
        var open = new OpenFinding { HaVipId = haVipId, Code = finding.Code };
        open.Update(finding);
        return open;
    }

    /// <summary>The finding still stands; who is involved and what it says may have changed (not a new start).</summary>
    public bool Update(HealthFinding finding)
    {
        var instances = string.Join(',', finding.Instances.Take(MaxInstances));
        if (Instances == instances && Since == finding.Since && Message == finding.Message)
        {
            return false;
        }
        Instances = instances;
        Since = finding.Since;
        Message = finding.Message;
        return true;
    }
}
