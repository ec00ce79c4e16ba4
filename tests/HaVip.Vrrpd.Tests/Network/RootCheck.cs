namespace HaVip.Vrrpd.Tests.Network;

/// <summary>Network tests need root (namespaces, raw sockets). They fail loudly instead of passing silently without it.</summary>
internal static class RootCheck
{
    public static void Require()
    {
        if (Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal))
            throw new InvalidOperationException("HaVip.Vrrpd network tests need root (network namespaces, raw sockets): run them as root, as CI does.");
    }
}
