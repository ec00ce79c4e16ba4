using HaVip.Server.Console.Login;

namespace HaVip.Server.Tests.Console.Login;

public sealed class LocalReturnUrlTests
{
    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\r\n/evil.example")]
    [InlineData("/\u0085/evil.example")]
    [InlineData("/\u007f/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/vips\\..\\..\\evil")]
    [InlineData("/%5Cevil.example")]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/vips")]
    [InlineData("/%2F/evil.example")]
    [InlineData("https://evil.example")]
    [InlineData("http:/evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("evil.example")]
    [InlineData("vips")]
    [InlineData(" /vips")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_AnythingButAPlainLocalPath_GoesHome(string? returnUrl) =>
        LocalReturnUrl.Normalize(returnUrl).Should().Be("/");

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/vips", "/vips")]
    [InlineData("/ok?x=1", "/ok?x=1")]
    [InlineData("/vips/havip-1#timeline", "/vips/havip-1#timeline")]
    [InlineData("/inventory/../vips", "/vips")]
    [InlineData("/vips?name=caf\u00e9", "/vips?name=caf%C3%A9")]
    [InlineData("/caf\u00e9", "/caf%C3%A9")]
    public void Normalize_LocalPath_StaysOnTheSite_AsAscii(string returnUrl, string expected) =>
        LocalReturnUrl.Normalize(returnUrl).Should().Be(expected);

    [Fact]
    public void Normalize_TooLong_GoesHome() =>
        LocalReturnUrl.Normalize("/" + new string('a', 5000)).Should().Be("/");
}
