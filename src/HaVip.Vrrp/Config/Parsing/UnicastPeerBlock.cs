using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary><c>unicast_peer { IP [min_ttl N] [max_ttl N] ... }</c>: one peer per line.</summary>
internal static class UnicastPeerBlock
{
    public static void Read(Statement s, VrrpInstanceConfig instance, ParseContext c)
    {
        if (c.Block(s) is not { } block)
            return;
        foreach (var line in block)
        {
            if (c.Ip(line.Keyword, "unicast_peer") is not { } ip || !InstanceFamily.Admit(instance, ip, line.Position, "unicast_peer", c))
                continue;
            ReadOptions(line, c);
            instance.PeerList.Add(ip);
            instance.PeerPositions.Add((ip, line.Position));
        }
    }

    private static void ReadOptions(Statement line, ParseContext c)
    {
        for (var i = 0; i < line.Args.Count; i++)
        {
            var word = line.Args[i];
            if (word.Text is "min_ttl" or "max_ttl")
            {
                c.Integer(line, ++i, 0, 255);
                continue;
            }

            c.Error(word.Position, DiagnosticCodes.UnknownKeyword, $"unknown unicast_peer option '{word.Text}'");
        }
    }
}
