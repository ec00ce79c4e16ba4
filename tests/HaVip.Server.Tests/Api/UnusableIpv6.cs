using System.Net;

namespace HaVip.Server.Tests.Api;

/// <summary>
/// What the dual-stack subnet fd00:10:1::/64 refuses once a NIC holds ::2 and a HAVIP ::50, and
/// the answer each gets: the same for a NIC's address and a HAVIP's.
/// </summary>
public static class UnusableIpv6
{
    public static TheoryData<string, HttpStatusCode, string> Cases => new()
    {
        { "fd00:10:2::5", HttpStatusCode.BadRequest, "IpNotInSubnet" },
        { "fd00:10:1::", HttpStatusCode.BadRequest, "IpReserved" },
        { "fd00:10:1::1", HttpStatusCode.BadRequest, "IpReserved" },
        { "fd00:10:1:0:fdff:ffff:ffff:ff80", HttpStatusCode.BadRequest, "IpReserved" },
        { "fd00:10:1:0:ffff:ffff:ffff:ffff", HttpStatusCode.BadRequest, "IpReserved" },
        { "fd00:10:1::2", HttpStatusCode.Conflict, "IpInUse" },
        { "fd00:10:1::50", HttpStatusCode.Conflict, "IpInUse" },
        { "fd00:10:1::zz", HttpStatusCode.BadRequest, "InvalidParameter" },
        { "fe80::1", HttpStatusCode.BadRequest, "InvalidParameter" },
        { "fe80::1%eth0", HttpStatusCode.BadRequest, "InvalidParameter" },
    };
}
