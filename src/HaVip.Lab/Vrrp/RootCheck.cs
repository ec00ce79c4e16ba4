using HaVip.Linux.Namespaces;

namespace HaVip.Lab.Vrrp;

/// <summary>Network tests need root (namespaces, raw sockets). They fail loudly instead of passing silently without it.</summary>
public static class RootCheck
{
    public static void Require()
    {
        if (Privileges.WhyNoLab() is { } why)
            throw new InvalidOperationException($"HaVip.Vrrpd network tests need root (network namespaces, raw sockets), as CI runs them: {why}");
    }
}
