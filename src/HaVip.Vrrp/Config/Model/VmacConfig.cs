namespace HaVip.Vrrp.Config;

/// <summary>
/// <c>use_vmac [NAME]</c> and <c>vmac_xmit_base</c>: a macvlan named <paramref name="Name"/>
/// (default <c>vrrp.VRID</c>) on the instance's interface, MAC 00:00:5e:00:01:VRID, holding the
/// VIPs; adverts leave from it, or from the base interface with <paramref name="TransmitFromBase"/>.
/// </summary>
public sealed record VmacConfig(string Name, bool TransmitFromBase);
