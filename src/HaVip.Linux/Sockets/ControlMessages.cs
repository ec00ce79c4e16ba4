namespace HaVip.Linux.Sockets;

/// <summary>
/// Ancillary data of sendmsg(2)/recvmsg(2) (cmsg(3)): each message is a <c>struct cmsghdr</c>
/// (length as size_t, level, type) then its data, padded to the size of size_t. Written and read
/// in place, so sending and receiving allocate nothing.
/// </summary>
internal static class ControlMessages
{
    private static readonly int Word = IntPtr.Size;
    private static readonly int HeaderLength = Align(Word + (2 * sizeof(int)));

    /// <summary>CMSG_SPACE: bytes one message with <paramref name="dataLength"/> bytes of data takes.</summary>
    public static int Space(int dataLength) => HeaderLength + Align(dataLength);

    /// <summary>Writes one message at <paramref name="offset"/> and returns where the next one starts.</summary>
    public static int Write(Span<byte> control, int offset, int level, int type, ReadOnlySpan<byte> data)
    {
        var message = control[offset..(offset + Space(data.Length))];
        message.Clear();
        WriteLength(message, HeaderLength + data.Length);
        BitConverter.TryWriteBytes(message[Word..], level);
        BitConverter.TryWriteBytes(message[(Word + sizeof(int))..], type);
        data.CopyTo(message[HeaderLength..]);
        return offset + message.Length;
    }

    /// <summary>Writes one message whose data is an int (a hop limit, a traffic class).</summary>
    public static int WriteInt(Span<byte> control, int offset, int level, int type, int value)
    {
        Span<byte> data = stackalloc byte[sizeof(int)];
        BitConverter.TryWriteBytes(data, value);
        return Write(control, offset, level, type, data);
    }

    /// <summary>The data of the first message of <paramref name="level"/> and <paramref name="type"/>; empty when there is none.</summary>
    public static ReadOnlySpan<byte> Find(ReadOnlySpan<byte> control, int level, int type)
    {
        while (control.Length >= HeaderLength)
        {
            var length = ReadLength(control);
            if (length < HeaderLength || length > control.Length)
                break;
            if (BitConverter.ToInt32(control[Word..]) == level && BitConverter.ToInt32(control[(Word + sizeof(int))..]) == type)
                return control[HeaderLength..length];
            control = control[Math.Min(Align(length), control.Length)..];
        }

        return [];
    }

    private static int Align(int length) => (length + Word - 1) & ~(Word - 1);

    private static void WriteLength(Span<byte> message, int length)
    {
        if (Word == sizeof(long))
            BitConverter.TryWriteBytes(message, (long)length);
        else
            BitConverter.TryWriteBytes(message, length);
    }

    private static int ReadLength(ReadOnlySpan<byte> message) =>
        Word == sizeof(long) ? (int)Math.Min(BitConverter.ToInt64(message), int.MaxValue) : BitConverter.ToInt32(message);
}
