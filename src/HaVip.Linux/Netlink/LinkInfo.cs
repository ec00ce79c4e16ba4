using System.Buffers.Binary;
using System.Text;
using HaVip.Net.Ethernet;

namespace HaVip.Linux.Netlink;

/// <summary>What RTM_NEWLINK says about an interface: index, name, MAC and whether it can carry traffic.</summary>
public sealed record LinkInfo(int Index, string Name, uint Flags, MacAddress Mac)
{
    private const uint IffUp = 0x1;
    private const uint IffRunning = 0x40;

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
        var attrs = payload[16..];
        while (attrs.Length >= 4)
        {
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attrs);
            var type = BinaryPrimitives.ReadUInt16LittleEndian(attrs[2..]);
            if (length < 4 || length > attrs.Length)
                break;
            var value = attrs[4..length];
            if (type == NetlinkConstants.IflaIfName)
                name = Encoding.ASCII.GetString(value.TrimEnd((byte)0));
            else if (type == NetlinkConstants.IflaAddress && value.Length == MacAddress.Length)
                mac = MacAddress.Read(value);
            attrs = attrs[Math.Min(NetlinkWriter.Align(length), attrs.Length)..];
        }

        return name is null ? null : new LinkInfo(index, name, flags, mac);
    }
}
