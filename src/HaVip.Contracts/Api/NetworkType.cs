namespace HaVip.Contracts.Api;

/// <summary>A subnet's or HAVIP's network: "internal" (inside the VPC) or "external".</summary>
public enum NetworkType
{
    Internal,
    External,
}
