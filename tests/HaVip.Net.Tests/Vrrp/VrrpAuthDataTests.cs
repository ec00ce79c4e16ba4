using HaVip.Net.Vrrp;

namespace HaVip.Net.Tests.Vrrp;

public sealed class VrrpAuthDataTests
{
    [Theory]
    [InlineData("1111", 0x3131_3131_0000_0000UL, "1111")]
    [InlineData("", 0UL, "")]
    [InlineData("12345678", 0x3132_3334_3536_3738UL, "12345678")]
    [InlineData("123456789", 0x3132_3334_3536_3738UL, "12345678")] // keepalived keeps 8 bytes
    public void FromPassword_Text_ZeroPaddedEightBytes(string password, ulong value, string back)
    {
        var data = VrrpAuthData.FromPassword(password);

        data.Value.Should().Be(value);
        data.ToPassword().Should().Be(back);
    }
}
