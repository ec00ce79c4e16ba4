using System.Buffers.Binary;
using System.Text;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Netlink;

/// <summary>What RTM_NEWLINK says about an interface: index, name, MAC and whether it can carry traffic.</summary>
public sealed record LinkInfo(int Index, string Name, uint Flags, MacAddress Mac)
{
    private const uint IffUp = 0x1;
    private const uint IffRunning = 0x40;
    private const ushort NlaTypeMask = 0x3fff;

    /// <summary>
    /// A macvlan in private mode, as keepalived's VMACs are: the only kind of interface keepalived
    /// lets <c>use_vmac NAME</c> take over (vrrp_parser.c, vrrp_vmac_handler).
    /// </summary>
    public bool IsPrivateMacvlan { get; init; }

    /// <summary>IFLA_LINK: the index of the interface a macvlan (or VLAN, veth peer) sits on; null without one.</summary>
    public int? LinkIndex { get; init; }

    /// <summary>keepalived's test: administratively up and with carrier (IFF_UP and IFF_RUNNING).</summary>
    public bool IsUp => (Flags & IffUp) != 0 && (Flags & IffRunning) != 0;

    /// <summary>Parses the payload of RTM_NEWLINK/RTM_DELLINK: <c>ifinfomsg</c> then IFLA_* attributes.</summary>
    public static LinkInfo? TryParse(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 16)
            return null;
        var index = BinaryPrimitives.ReadInt32LittleEndian(payload[4..]);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(payload[8..]);
        string? name = null;
        var mac = MacAddress.Zero;
        var privateMacvlan = false;
        int? link = null;
        foreach (var (type, value) in Attributes(payload[16..]))
        {
            if (type == NetlinkConstants.IflaIfName)
                name = Encoding.ASCII.GetString(value.AsSpan().TrimEnd((byte)0));
            else if (type == NetlinkConstants.IflaAddress && value.Length == MacAddress.Length)
                mac = MacAddress.Read(value);
            else if (type == LinkMessages.IflaLinkInfo)
                privateMacvlan = IsPrivateMacvlanInfo(value);
            else if (type == LinkMessages.IflaLink && value.Length >= 4)
                link = BinaryPrimitives.ReadInt32LittleEndian(value);
        }

        return name is null ? null : new LinkInfo(index, name, flags, mac) { IsPrivateMacvlan = privateMacvlan, LinkIndex = link };
    }

    /// <summary>IFLA_LINKINFO: IFLA_INFO_KIND "macvlan" and, in IFLA_INFO_DATA, IFLA_MACVLAN_MODE private.</summary>
    private static bool IsPrivateMacvlanInfo(byte[] info)
    {
        var macvlan = false;
        uint? mode = null;
        foreach (var (type, value) in Attributes(info))
        {
            if (type == LinkMessages.IflaInfoKind)
                macvlan = Encoding.ASCII.GetString(value.AsSpan().TrimEnd((byte)0)) == "macvlan";
            else if (type == LinkMessages.IflaInfoData)
                mode = Attributes(value).Where(a => a.Type == LinkMessages.IflaMacvlanMode && a.Value.Length >= 4).Select(a => (uint?)BinaryPrimitives.ReadUInt32LittleEndian(a.Value)).FirstOrDefault();
        }

        return macvlan && mode == LinkMessages.MacvlanModePrivate;
    }

    private static List<(ushort Type, byte[] Value)> Attributes(ReadOnlySpan<byte> attrs)
    {
        var all = new List<(ushort, byte[])>();
        while (attrs.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attrs);
            var type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(attrs[2..]) & NlaTypeMask);
            if (length < 4 || length > attrs.Length)
                break;
            all.Add((type, attrs[4..length].ToArray()));
            attrs = attrs[Math.Min(NetlinkWriter.Align(length), attrs.Length)..];
        }

        return all;
    }
}
