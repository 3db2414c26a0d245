using System.Text;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// Reads what <see cref="WireWriter"/> wrote, refusing anything malformed with a <see cref="WireFormatException"/> that
/// says where: a read past the end, a varint longer than ten bytes, a length beyond the data, text that is not UTF-8.
/// </summary>
public ref struct WireReader(ReadOnlySpan<byte> data)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _data = data;

    /// <summary>Bytes read so far.</summary>
    public int Position { get; private set; }

    /// <summary>Whether every byte has been read.</summary>
    public readonly bool AtEnd => Position == _data.Length;

    /// <summary>Reads one byte.</summary>
    public byte Byte()
    {
        if (Position >= _data.Length)
        {
            throw Truncated(1);
        }

        return _data[Position++];
    }

    /// <summary>Reads an unsigned varint.</summary>
    public ulong Varint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var next = Byte();
            if (shift == 63 && next > 1)
            {
                throw new WireFormatException($"a varint at byte {Position - 1} does not fit 64 bits");
            }

            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }

        throw new WireFormatException($"a varint ending at byte {Position} is longer than ten bytes");
    }

    /// <summary>Reads a zigzag-encoded signed integer.</summary>
    public long Signed()
    {
        var raw = Varint();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a varint that counts something, at most <paramref name="limit"/>.</summary>
    public int Count(int limit, string what)
    {
        var start = Position;
        var count = Varint();
        return count <= (ulong)limit ? (int)count : throw new WireFormatException($"{what} at byte {start} is {count}, more than {limit}");
    }

    /// <summary>Reads a string written by <see cref="WireWriter.Text"/>.</summary>
    public string Text()
    {
        var start = Position;
        var declared = Varint();
        if (declared > (ulong)(_data.Length - Position))
        {
            throw new WireFormatException($"the text at byte {start} says it is {declared} bytes long; {_data.Length - Position} follow");
        }

        var length = (int)declared;
        try
        {
            var text = StrictUtf8.GetString(_data.Slice(Position, length));
            Position += length;
            return text;
        }
        catch (DecoderFallbackException invalid)
        {
            throw new WireFormatException($"the text at byte {start} is not UTF-8", invalid);
        }
    }

    private readonly WireFormatException Truncated(int wanted) =>
        new($"the data ends at byte {_data.Length}, {wanted} byte(s) short of what it says follows");
}
