using System.Net.NetworkInformation;
using HaVip.Net.Ethernet;

namespace HaVip.Net.Tests.Ethernet;

public sealed class MacAddressTests
{
    [Theory]
    [InlineData("02:48:56:00:00:0e", "02:48:56:00:00:0e")]
    [InlineData("02-48-56-00-00-0E", "02:48:56:00:00:0e")]
    [InlineData("FF:FF:FF:FF:FF:FF", "ff:ff:ff:ff:ff:ff")]
    public void TryParse_ValidText_RoundTripsToLowerColonForm(string text, string expected)
    {
        MacAddress.TryParse(text, out var mac).Should().BeTrue();
        mac.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("02:48:56:00:00")]
    [InlineData("02:48:56:00:00:0g")]
    [InlineData("02.48.56.00.00.0e")]
    [InlineData("02:48:56:00:00:0e:")]
    [InlineData("+2:48:56:00:00:0e")]
    public void TryParse_InvalidText_ReturnsFalse(string? text)
    {
        MacAddress.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void WriteRead_SixBytes_RoundTrip()
    {
        var mac = MacAddress.Parse("02:48:56:00:00:0e");
        var bytes = new byte[6];
        mac.Write(bytes);

        bytes.Should().Equal(0x02, 0x48, 0x56, 0x00, 0x00, 0x0E);
        MacAddress.Read(bytes).Should().Be(mac);
    }

    [Theory]
    [InlineData(1, "00:00:5e:00:01:01")]
    [InlineData(255, "00:00:5e:00:01:ff")]
    public void VrrpIPv4_Vrid_IsRfc5798VirtualMac(byte vrid, string expected)
    {
        MacAddress.VrrpIPv4(vrid).ToString().Should().Be(expected);
    }

    [Fact]
    public void VrrpIPv6_Vrid_IsRfc5798VirtualMac()
    {
        MacAddress.VrrpIPv6(7).ToString().Should().Be("00:00:5e:00:02:07");
    }

    [Theory]
    [InlineData("ff:ff:ff:ff:ff:ff", true)]
    [InlineData("01:00:5e:00:00:12", true)]
    [InlineData("02:48:56:00:00:0e", false)]
    public void IsMulticast_GroupBit_Detected(string text, bool expected)
    {
        MacAddress.Parse(text).IsMulticast.Should().Be(expected);
    }

    [Fact]
    public void PhysicalAddress_Conversion_RoundTrips()
    {
        var mac = MacAddress.Parse("02:48:56:00:00:0e");

        MacAddress.FromPhysicalAddress(mac.ToPhysicalAddress()).Should().Be(mac);
        mac.ToPhysicalAddress().Should().Be(PhysicalAddress.Parse("02-48-56-00-00-0E"));
    }

    [Fact]
    public void FromPhysicalAddress_EightBytes_Throws()
    {
        var act = () => MacAddress.FromPhysicalAddress(new PhysicalAddress(new byte[8]));

        act.Should().Throw<ArgumentException>();
    }
}
