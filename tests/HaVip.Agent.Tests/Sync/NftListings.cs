namespace HaVip.Agent.Tests.Sync;

/// <summary>
/// <c>nft -j list table bridge havip</c> output in nftables 1.0.6's shape, for one port's chain:
/// what the kernel shows of a rendered table (handles and counter values vary between listings).
/// </summary>
internal static class NftListings
{
    public static string Table(int handleBase, long packets, bool portRules = true, int? decisionExpires = null)
    {
        var port = Samples.BoundPort.PortName.Replace('-', '_').Replace('.', '_');
        var rules = portRules
            ? $$$""",{"rule": {"family": "bridge", "table": "havip", "chain": "port_{{{port}}}", "handle": {{{handleBase + 4}}}, "expr": [{"match": {"op": "!=", "left": {"payload": {"protocol": "ether", "field": "saddr"}}, "right": "02:00:00:00:00:0e"}}, {"counter": "drop_mac_{{{port}}}"}, {"drop": null}]}}"""
            : "";
        var elem = decisionExpires is { } expires
            ? $$$""", "elem": [{"elem": {"val": {"concat": ["10.0.240.204", "{{{Samples.BoundPort.PortName}}}"]}, "timeout": 3, "expires": {{{expires}}}}}]"""
            : "";
        return $$$"""
            {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
            {"table": {"family": "bridge", "name": "havip", "handle": {{{handleBase}}}}},
            {"counter": {"family": "bridge", "name": "drop_mac_{{{port}}}", "table": "havip", "handle": {{{handleBase + 1}}}, "packets": {{{packets}}}, "bytes": {{{packets * 60}}}}},
            {"set": {"family": "bridge", "name": "decision", "table": "havip", "type": ["ipv4_addr", "ifname"], "handle": {{{handleBase + 5}}}, "flags": ["timeout"]{{{elem}}}}},
            {"chain": {"family": "bridge", "table": "havip", "name": "prerouting", "handle": {{{handleBase + 2}}}, "type": "filter", "hook": "prerouting", "prio": -200, "policy": "accept"}},
            {"chain": {"family": "bridge", "table": "havip", "name": "port_{{{port}}}", "handle": {{{handleBase + 3}}}}}{{{rules}}}]}
            """;
    }
}
