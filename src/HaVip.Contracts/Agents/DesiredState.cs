using System.Text.Json.Serialization;

namespace HaVip.Contracts.Agents;

/// <summary>
/// Everything one host must make true, as of change sequence <paramref name="Sequence"/>; or,
/// when <paramref name="BaseSequence"/> is set, what changed since the state numbered
/// <paramref name="BaseSequence"/> (<see cref="DesiredStates.Apply"/> makes the complete state of it).
/// Complete unless the agent asks for changes (<c>delta=true</c>): an agent that lost its memory
/// re-syncs from a complete one, and an agent of a version that never asks never gets a delta.
/// </summary>
/// <param name="TraceParents">
/// The W3C traceparents of the changes since the sequence the agent asked after, oldest first,
/// when the server traces and knows them; the agent's apply joins their traces. Optional: absent
/// from the JSON when there are none, and an older agent ignores it.
/// </param>
/// <param name="BaseSequence">Set in a delta: the sequence of the state it changes (the one the agent asked after).</param>
/// <param name="ReplacedSubnets">
/// In a delta, the subnets whose entries (the subnet itself, the ports in it, its HAVIPs) are
/// replaced by the ones this answer carries; an entry of such a subnet that it does not carry is
/// removed. Entries of other subnets stay as they were.
/// </param>
/// <param name="AppliedTaken">
/// The acknowledgement the poll carried (<c>applied=N</c>), taken as a <c>POST …/applied</c> of N
/// without errors would be; absent when the poll carried none, or from a server before acks on polls
/// (an agent then posts its acks).
/// </param>
public sealed record DesiredStateDto(
    string Host,
    long Sequence,
    IReadOnlyList<SubnetStateDto> Subnets,
    IReadOnlyList<PortStateDto> Ports,
    IReadOnlyList<HaVipStateDto> HaVips,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? TraceParents = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? BaseSequence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ReplacedSubnets = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? AppliedTaken = null);

/// <summary>A subnet the host carries; <paramref name="RemoteUnderlayIps"/> are the other hosts that carry it (VXLAN head-end replication).</summary>
public sealed record SubnetStateDto(string Id, string Cidr, string Gateway, int Vni, IReadOnlyList<string> RemoteUnderlayIps);

/// <summary>
/// One instance NIC on this host. <paramref name="PortName"/> is the host-side device;
/// <paramref name="AllowedIps"/> = the NIC's IPv4 addresses plus the IPv4 HAVIPs its instance is bound to in that subnet.
/// </summary>
/// <param name="Ipv6Address">The NIC's IPv6 address in a dual-stack subnet; absent when it has none.</param>
/// <param name="AllowedIpv6">
/// The IPv6 sources the port may use besides its link-local address: <paramref name="Ipv6Address"/> plus
/// the IPv6 HAVIPs its instance is bound to in that subnet. A list of its own, not part of
/// <paramref name="AllowedIps"/>, so that an agent that renders IPv4 only never meets an IPv6 address there.
/// Absent when empty.
/// </param>
public sealed record PortStateDto(
    string InstanceId,
    string SubnetId,
    string Device,
    string PortName,
    string MacAddress,
    IReadOnlyList<string> IpAddresses,
    IReadOnlyList<string> AllowedIps,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ipv6Address = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? AllowedIpv6 = null);

/// <summary>
/// A HAVIP of one of the host's subnets and the instances that may claim it. <paramref name="Decision"/>
/// is the platform's choice of the instance that serves it (docs/split-brain.md), absent while none
/// stands; <paramref name="Vrrp"/> how the data path recognises every bound instance's adverts (the
/// silence rule), absent for an IPv6 HAVIP or one with fewer than two bound instances. Both optional,
/// so an older agent ignores them.
/// </summary>
public sealed record HaVipStateDto(
    string Id,
    string SubnetId,
    string IpAddress,
    IReadOnlyList<string> InstanceIds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HaVipDecisionDto? Decision = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] HaVipVrrpDto? Vrrp = null);

/// <summary>
/// The bound instances' adverts as the data path recognises them (docs/split-brain.md, "the silence
/// rule"): the HAVIP's VRID, the generated keepalived.conf's interval and each bound instance's advert
/// source, its primary address in the subnet, with the interval its adverts are timed by (which
/// times the data path's <c>heard</c> and <c>speaking</c> elements; the HAVIP's interval where a
/// source carries none, as from an older server).
/// </summary>
public sealed record HaVipVrrpDto(int VirtualRouterId, int AdvertIntervalMilliseconds, IReadOnlyList<HaVipAdvertSourceDto> Sources);

/// <summary>
/// A bound instance, the source address of its adverts and the interval they are timed by: the one
/// the platform observed (docs/split-brain.md, "Advert intervals"). Optional, so an older agent ignores it.
/// </summary>
public sealed record HaVipAdvertSourceDto(
    string InstanceId,
    string Address,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? AdvertIntervalMilliseconds = null);

/// <summary>
/// The chosen instance, as the data path recognises its adverts (<paramref name="AdvertSource"/>: its
/// primary address in the subnet, with <paramref name="VirtualRouterId"/>) and as the platform
/// announces it (<paramref name="MacAddress"/>); <paramref name="AdvertIntervalMilliseconds"/> is the
/// interval the platform observed it advertise (docs/split-brain.md, "Advert intervals"), which
/// times the data path's <c>armed</c> element.
/// </summary>
public sealed record HaVipDecisionDto(string InstanceId, string MacAddress, string AdvertSource, int VirtualRouterId, int AdvertIntervalMilliseconds);
