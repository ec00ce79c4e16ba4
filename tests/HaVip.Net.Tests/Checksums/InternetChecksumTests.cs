using HaVip.Net.Checksums;

namespace HaVip.Net.Tests.Checksums;

public sealed class InternetChecksumTests
{
    [Theory]
    [InlineData("", 0xFFFF)] // nothing summed: complement of zero
    [InlineData("0001f203f4f5f6f7", 0x220D)] // RFC 1071 §3 example: sum ddf2
    [InlineData("01", 0xFEFF)] // odd byte padded on the right
    [InlineData("0100", 0xFEFF)]
    [InlineData("ffff", 0x0000)] // sum of all ones complements to zero
    [InlineData("ffff0001", 0xFFFE)] // carry out of bit 15 folds back in
    [InlineData("ffffffffffffffff", 0x0000)]
    [InlineData("45c0002800010000ff7000000a00f00e0a00f00f", 0xC686)] // keepalived's IPv4 header
    public void Compute_KnownData_GivesExpectedChecksum(string hex, int expected)
    {
        InternetChecksum.Compute(TestPackets.Hex(hex)).Should().Be((ushort)expected);
    }

    [Theory]
    [InlineData("45c0002800010000ff70c6860a00f00e0a00f00f", true)]
    [InlineData("45c0002800010000ff70c6870a00f00e0a00f00f", false)]
    [InlineData("", false)]
    public void IsValid_DataWithChecksumField_ChecksToAllOnes(string hex, bool expected)
    {
        InternetChecksum.IsValid(TestPackets.Hex(hex)).Should().Be(expected);
    }

    [Fact]
    public void Add_EvenLengthParts_SameAsWhole()
    {
        var data = TestPackets.V3Datagram;
        var sum = InternetChecksum.Add(InternetChecksum.Add(0, data.AsSpan(0, 10)), data.AsSpan(10));

        InternetChecksum.Finish(sum).Should().Be(InternetChecksum.Compute(data));
    }

    [Fact]
    public void Compute_LargeBuffer_FoldsAllCarries()
    {
        var data = Enumerable.Repeat((byte)0xFF, 200_001).ToArray();

        // 100 000 words of ffff sum to ffff after folding; the odd ff00 adds one more carry.
        InternetChecksum.Compute(data).Should().Be(0x00FF);
    }
}
