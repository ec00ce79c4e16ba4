using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Machine;

public sealed record AddVirtualAddresses(IReadOnlyList<VirtualAddress> Addresses) : VrrpAction;

public sealed record RemoveVirtualAddresses(IReadOnlyList<VirtualAddress> Addresses) : VrrpAction;

public sealed record AddVirtualRoutes(IReadOnlyList<VirtualRoute> Routes) : VrrpAction;

public sealed record RemoveVirtualRoutes(IReadOnlyList<VirtualRoute> Routes) : VrrpAction;

public sealed record AddVirtualRules(IReadOnlyList<VirtualRule> Rules) : VrrpAction;

public sealed record RemoveVirtualRules(IReadOnlyList<VirtualRule> Rules) : VrrpAction;
