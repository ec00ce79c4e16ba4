namespace HaVip.Vrrp.Config.Parsing;

/// <summary>keepalived 2.2.7's rules for <c>use_vmac</c> (vrrp_parser.c: vrrp_vmac_handler, vrrp_end_handler).</summary>
internal static class VmacNames
{
    // IFNAMSIZ is 16 with the NUL.
    private const int MaxName = VmacConfig.MaxName;

    /// <summary>The kernel's dev_name_valid, which keepalived copies.</summary>
    public static bool IsValid(string name) =>
        name.Length is > 0 and <= MaxName && name is not "." and not ".."
        && !name.Any(ch => ch is '/' or ':' || char.IsWhiteSpace(ch));

    /// <summary>
    /// Each instance's <see cref="VrrpInstanceConfig.Vmac"/>, in file order (a name not given is
    /// made from <paramref name="prefix"/>, <c>vmac_prefix</c>): a name another instance
    /// already took is warned about and the default used; unicast needs <c>vmac_xmit_base</c>,
    /// which keepalived sets with a warning (a VMAC's MAC must not answer for the base's peers).
    /// </summary>
    public static void Complete(IReadOnlyList<VrrpInstanceConfig> instances, string prefix, ParseContext c)
    {
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in instances)
        {
            if (i.UseVmacPosition is not { } at)
                continue;
            if (i.VmacName is { } name && taken.TryGetValue(name, out var owner))
            {
                c.Warning(at, DiagnosticCodes.VmacNameTaken, $"({i.Name}) VRRP instance {owner} is already using {name} - ignoring name");
                i.VmacName = null;
            }

            if (i.UnicastPeers.Count > 0 && !i.VmacTransmitFromBase)
            {
                c.Warning(at, DiagnosticCodes.VmacUnicastNeedsXmitBase, $"({i.Name}) unicast with use_vmac requires vmac_xmit_base - setting");
                i.VmacTransmitFromBase = true;
            }

            // Only given names are compared, as keepalived does: defaults are made below.
            if (i.VmacName is { } given)
                taken.TryAdd(given, i.Name);
        }

        // Defaults in file order, each unused by any given name or earlier default (vrrp.c, create_vmac_name).
        var used = new HashSet<string>(taken.Keys, StringComparer.Ordinal);
        foreach (var i in instances.Where(i => i.UseVmacPosition is not null))
        {
            var name = i.VmacName ?? VmacConfig.FreeName(prefix, i.VirtualRouterId, i.Family, used.Contains);
            used.Add(name);
            i.Vmac = new VmacConfig(name, i.VmacTransmitFromBase);
        }
    }
}
