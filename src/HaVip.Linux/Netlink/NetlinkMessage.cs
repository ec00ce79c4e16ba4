using System.Buffers.Binary;

namespace HaVip.Linux.Netlink;

/// <summary>One message of a netlink datagram: header fields and the payload after the 16-byte header.</summary>
public readonly record struct NetlinkMessage(ushort Type, ushort Flags, uint Sequence, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Splits a datagram into messages (several per datagram in dumps); stops at a malformed length.</summary>
    public static List<NetlinkMessage> ReadAll(ReadOnlyMemory<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        var offset = 0;
        while (datagram.Length - offset >= NetlinkConstants.HeaderLength)
        {
            var span = datagram.Span[offset..];
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
            if (length < NetlinkConstants.HeaderLength || length > span.Length)
                break;
            messages.Add(new NetlinkMessage(
                BinaryPrimitives.ReadUInt16LittleEndian(span[4..]),
                BinaryPrimitives.ReadUInt16LittleEndian(span[6..]),
                BinaryPrimitives.ReadUInt32LittleEndian(span[8..]),
                datagram.Slice(offset + NetlinkConstants.HeaderLength, length - NetlinkConstants.HeaderLength)));
            offset += NetlinkWriter.Align(length);
        }

        return messages;
    }

    /// <summary>For NLMSG_ERROR: the negated errno (0 is an ack).</summary>
    public int Error => Payload.Length >= 4 ? -BinaryPrimitives.ReadInt32LittleEndian(Payload.Span) : 0;
}
