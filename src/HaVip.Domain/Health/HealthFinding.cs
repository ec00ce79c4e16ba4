namespace HaVip.Domain.Health;

/// <summary>One finding: its code, the instances involved, when it entered, and a one-line explanation.</summary>
public sealed record HealthFinding(FindingCode Code, IReadOnlyList<string> Instances, DateTime Since, string Message);
