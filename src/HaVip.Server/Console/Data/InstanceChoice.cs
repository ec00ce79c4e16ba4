namespace HaVip.Server.Console.Data;

/// <summary>An instance offered for binding: its NIC in the HAVIP's subnet (its addresses, both families in a dual-stack subnet) and how many HAVIPs it holds.</summary>
public sealed record InstanceChoice(string Id, string Name, string NicIp, string Device, int HaVipCount);
