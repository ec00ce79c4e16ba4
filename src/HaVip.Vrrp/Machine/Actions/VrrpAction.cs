namespace HaVip.Vrrp.Machine;

/// <summary>An output of the state machine for the daemon to carry out, in order.</summary>
public abstract record VrrpAction;
