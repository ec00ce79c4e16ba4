using HaVip.Domain.Addressing;

namespace HaVip.Domain.Tests.Addressing;

public sealed class Ipv4Tests
{
    [Theory]
    [InlineData("10.0.240.14", 0x0A00F00Eu)]
    [InlineData("0.0.0.0", 0u)]
    [InlineData("255.255.255.255", 0xFFFFFFFFu)]
    public void TryParse_DottedQuad_GivesNumber(string text, uint value)
    {
        Ipv4.TryParse(text, out var ip).Should().BeTrue();
        ip.Value.Should().Be(value);
        ip.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("10.0.240")]
    [InlineData("10.0.240.256")]
    [InlineData("10.0.240.1.5")]
    [InlineData("10")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.-1")]
    [InlineData("10..0.1")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("10.0.0.1/32")]
    [InlineData(" 10.0.0.1")]
    [InlineData("banana")]
    public void TryParse_NotADottedQuad_IsRefused(string? text) => Ipv4.TryParse(text, out _).Should().BeFalse();
}
