using HaVip.Vrrp.Config;

namespace HaVip.Vrrp.Tests.Config;

public sealed class SyntaxTests
{
    [Fact]
    public void Parse_BraceOnNextLine_OpensTheBlockOfThePreviousLine()
    {
        var r = TestData.ParseText("vrrp_script chk\n{\n  script \"/bin/true\"\n}\n");

        r.Diagnostics.Should().BeEmpty();
        r.Config.Scripts["chk"].Script.Should().Be("/bin/true");
    }

    [Fact]
    public void Parse_CommentsAndQuotes_QuotedTextKeepsHashAndBang()
    {
        var r = TestData.ParseText("""
            ! whole-line bang
            # whole-line hash
            vrrp_script chk { # trailing
                script "/bin/check --tag #1 !x"   ! trailing bang
            }
            """);

        r.Diagnostics.Should().BeEmpty();
        r.Config.Scripts["chk"].Script.Should().Be("/bin/check --tag #1 !x");
    }

    [Fact]
    public void Parse_BlocksOnOneLine_AreSplitAtBraces()
    {
        var r = TestData.ParseText("vrrp_instance X { interface eth0\n virtual_router_id 9\n virtual_ipaddress { 10.0.0.1 }}\n");

        TestData.Render(r).Should().BeEmpty();
        r.Config.Instances[0].VirtualAddresses.Should().ContainSingle().Which.PrefixLength.Should().Be(32);
    }

    [Fact]
    public void Parse_DiagnosticPositions_AreOneBasedLineAndColumn()
    {
        var r = TestData.ParseText("global_defs {\n\tvrrp_version 4\n}\n", "x.conf");

        r.Diagnostics.Should().ContainSingle().Which.Position.Should().Be(new SourcePosition("x.conf", 2, 15));
    }

    [Fact]
    public void Parse_ManyProblems_AllReportedInPositionOrder()
    {
        var r = TestData.ParseText("a\nb\nvrrp_instance V {\n priority 0\n advert_int x\n}\nc\n");

        r.Diagnostics.Select(d => (d.Position.Line, d.Code)).Should().Equal(
            (1, DiagnosticCodes.UnknownKeyword),
            (2, DiagnosticCodes.UnknownKeyword),
            (3, DiagnosticCodes.MissingInterface),
            (3, DiagnosticCodes.MissingVirtualRouterId),
            (4, DiagnosticCodes.InvalidPriority),
            (5, DiagnosticCodes.InvalidAdvertInterval),
            (7, DiagnosticCodes.UnknownKeyword));
        r.HasErrors.Should().BeTrue();
    }

    [Theory]
    [InlineData("10")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("eth0")]
    public void Parse_NotAnIp_IsAnError(string text)
    {
        var r = TestData.ParseText($"vrrp_instance V {{\n interface eth0\n virtual_router_id 1\n unicast_src_ip {text}\n}}\n");

        r.Diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.InvalidIpAddress);
    }

    [Fact]
    public void Parse_StateMasterWithoutPriority_IsAddressOwner()
    {
        var r = TestData.ParseText("vrrp_instance V {\n state MASTER\n interface eth0\n virtual_router_id 1\n}\n");

        r.Config.Instances[0].Priority.Should().Be(255);
    }
}
