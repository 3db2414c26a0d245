using System.Buffers;
using System.Text;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// Writes the binary wire primitives: unsigned LEB128 varints, zigzag varints for signed integers (fixed-point units
/// among them, so small amounts take few bytes), and strings as a varint byte length and their UTF-8.
/// </summary>
public readonly struct WireWriter(IBufferWriter<byte> output)
{
    /// <summary>Writes one byte.</summary>
    public void Byte(byte value)
    {
        var span = output.GetSpan(1);
        span[0] = value;
        output.Advance(1);
    }

    /// <summary>Writes an unsigned integer in 1–10 bytes, seven bits a byte, low bits first.</summary>
    public void Varint(ulong value)
    {
        var span = output.GetSpan(10);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        output.Advance(length);
    }

    /// <summary>Writes a signed integer zigzag-encoded (0, −1, 1, −2, … as 0, 1, 2, 3, …).</summary>
    public void Signed(long value) => Varint((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a string as its UTF-8 byte length and bytes.</summary>
    public void Text(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Varint((ulong)length);
        var span = output.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        output.Advance(length);
    }
}
