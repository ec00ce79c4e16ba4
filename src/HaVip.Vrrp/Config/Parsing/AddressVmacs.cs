namespace HaVip.Vrrp.Config.Parsing;

/// <summary>
/// Which VIPs and eVIPs get a VMAC of their own, as keepalived 2.2.7 decides it
/// (vrrp_complete_instance in vrrp.c): with <c>use_vmac_addr</c>, every address on another
/// interface than the instance's, and every address of the other family; with <c>use_vmac</c>
/// on an address's line, that address. An address of the instance's family without another
/// <c>dev</c> stays on the instance's VMAC (<c>use_vmac</c>) or interface.
/// </summary>
internal static class AddressVmacs
{
    public static void Complete(IEnumerable<VrrpInstanceConfig> instances, ParseContext c)
    {
        foreach (var i in instances)
        {
            if (i.Interface is null)
                continue;
            Place(i, i.AddressList, c);
            Place(i, i.ExcludedList, c);
        }
    }

    private static void Place(VrrpInstanceConfig i, List<VirtualAddress> addresses, ParseContext c)
    {
        for (var n = 0; n < addresses.Count; n++)
            addresses[n] = Place(i, addresses[n], c);
    }

    private static VirtualAddress Place(VrrpInstanceConfig i, VirtualAddress a, ParseContext c)
    {
        var onInstanceInterface = a.Device is null || a.Device == i.Interface;
        var sameFamily = a.Address.AddressFamily == i.Family;
        var own = a.UseVmac;
        if (own && onInstanceInterface && i.Vmac is not null && sameFamily)
        {
            c.Warning(a.Position, DiagnosticCodes.VmacTwiceForAddress, $"({i.Name}) use_vmac specified for VIP/eVIP {Text(a)} and vrrp instance");
            own = false;
        }
        else if (own && (!onInstanceInterface || !sameFamily) && i.UseVmacAddr)
        {
            c.Warning(a.Position, DiagnosticCodes.VmacTwiceForAddress, $"({i.Name}) use_vmac_addr specified and use_vmac specified for VIP/eVIP {Text(a)}");
        }

        if (onInstanceInterface && i.Vmac is not null && sameFamily)
            return a;
        var needs = onInstanceInterface ? own || (i.UseVmacAddr && !sameFamily) : own || i.UseVmacAddr;
        return needs ? a with { VmacOn = a.Device ?? i.Interface } : a;
    }

    /// <summary>keepalived's ipaddresstos: the address, with its length unless a host's (/32, /128).</summary>
    private static string Text(VirtualAddress a) =>
        a.PrefixLength == (a.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32) ? a.Address.ToString() : $"{a.Address}/{a.PrefixLength}";
}
