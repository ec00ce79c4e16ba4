namespace HaVip.Vrrp.Machine;

/// <summary>An input to <see cref="VrrpRouter.Handle"/>. Timer expiry is not an event: call <see cref="VrrpRouter.Tick"/>.</summary>
public abstract record VrrpEvent;
