using HaVip.Vrrp.Machine;

namespace HaVip.Vrrp.Tests.Machine;

internal sealed record LoggedAction(DateTimeOffset At, string Node, VrrpAction Action);
