using System.Net;

namespace HaVip.Net.Vrrp;

/// <summary>
/// What a receiving VRRP instance accepts, from its configuration: the inputs to
/// <see cref="VrrpAdvertCheck"/>.
/// </summary>
/// <param name="Version">The instance's VRRP version.</param>
/// <param name="VirtualRouterId">The instance's VRID.</param>
/// <param name="VirtualAddresses">The configured virtual addresses of the advert's family.</param>
public sealed record VrrpExpectations(VrrpVersion Version, byte VirtualRouterId, IReadOnlyList<IPAddress> VirtualAddresses)
{
    /// <summary>v2 authentication method.</summary>
    public VrrpAuthType AuthType { get; init; }

    /// <summary>v2 authentication data; compared in full when AuthType is SimplePassword.</summary>
    public VrrpAuthData AuthData { get; init; }

    /// <summary>v2 advertisement interval, which must match (RFC 3768 §7.1). Ignored for v3.</summary>
    public TimeSpan AdvertInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>keepalived's <c>vrrp_skip_check_adv_addr</c>: accept any address list.</summary>
    public bool SkipAddressCheck { get; init; }

    /// <summary>The local router owns the addresses (priority 255), so it drops every advert.</summary>
    public bool IsAddressOwner { get; init; }

    /// <summary>
    /// Require TTL / hop limit 255 (RFC 5798 §7.1). Only turn off for unicast peers behind a
    /// router, as keepalived's <c>unicast_ttl</c> allows.
    /// </summary>
    public bool RequireTtl255 { get; init; } = true;
}
