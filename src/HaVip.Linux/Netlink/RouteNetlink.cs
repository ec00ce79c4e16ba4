using System.Net.Sockets;
using HaVip.Linux.Native;

namespace HaVip.Linux.Netlink;

/// <summary>
/// A NETLINK_ROUTE request socket: adds and removes addresses and routes and dumps links, waiting
/// for the kernel's ack of each request. Thread-safe: requests are serialised.
/// </summary>
public sealed class RouteNetlink : IDisposable
{
    private readonly Socket _socket;
    private readonly Lock _lock = new();
    private readonly byte[] _receive = new byte[64 * 1024];
    private uint _sequence;

    public RouteNetlink()
    {
        _socket = NativeSocket.Create(LinuxConstants.AfNetlink, LinuxConstants.NetlinkRoute);
        Span<byte> address = stackalloc byte[SockaddrNl.Length];
        SockaddrNl.Write(address, groups: 0);
        NativeSocket.Bind(_socket, address);
        _socket.ReceiveTimeout = 5000;
    }

    /// <summary>Adds an address; true if added, false if it was already there (EEXIST).</summary>
    public bool AddAddress(AddressSpec spec) => Request(s => RouteMessages.Address(true, spec, s), NetlinkException.EExist);

    /// <summary>Removes an address; false if it was not there.</summary>
    public bool RemoveAddress(AddressSpec spec) => Request(s => RouteMessages.Address(false, spec, s), NetlinkException.EAddrNotAvail);

    public bool AddRoute(RouteSpec spec) => Request(s => RouteMessages.Route(true, spec, s), NetlinkException.EExist);

    public bool RemoveRoute(RouteSpec spec) => Request(s => RouteMessages.Route(false, spec, s), NetlinkException.ESrch);

    /// <summary>Adds a policy routing rule; false if the same rule is there already (EEXIST).</summary>
    public bool AddRule(RuleSpec spec) => Request(s => RouteMessages.Rule(true, spec, s), NetlinkException.EExist);

    /// <summary>Removes a policy routing rule; false if it was not there (ENOENT).</summary>
    public bool RemoveRule(RuleSpec spec) => Request(s => RouteMessages.Rule(false, spec, s), NetlinkException.ENoEnt);

    /// <summary>Creates a macvlan on <paramref name="baseIndex"/>, up; false if an interface of that name exists (EEXIST).</summary>
    public bool AddMacvlan(string name, int baseIndex, HaVip.Net.Ethernet.MacAddress mac, uint mode, bool up = true) =>
        Request(s => LinkMessages.NewMacvlan(name, baseIndex, mac, mode, s, up), NetlinkException.EExist);

    /// <summary>Brings an interface up, first setting its IPv6 address generation mode when given (<see cref="LinkMessages.SetLink"/>).</summary>
    public void SetLinkUp(int index, byte? addrGenMode = null)
    {
        if (addrGenMode is not null)
            Request(s => LinkMessages.SetLink(index, up: false, addrGenMode, s), 0);
        Request(s => LinkMessages.SetLink(index, up: true, null, s), 0);
    }

    /// <summary>Deletes an interface; false if it was not there (ENODEV).</summary>
    public bool DeleteLink(int index) => Request(s => LinkMessages.DeleteLink(index, s), NetlinkException.ENoDev);

    /// <summary>Every interface of this network namespace (RTM_GETLINK dump).</summary>
    public IReadOnlyList<LinkInfo> GetLinks()
    {
        lock (_lock)
        {
            var sequence = ++_sequence;
            _socket.Send(RouteMessages.DumpLinks(sequence));
            var links = new List<LinkInfo>();
            while (true)
            {
                var n = _socket.Receive(_receive);
                foreach (var m in NetlinkMessage.ReadAll(_receive.AsMemory(0, n)))
                {
                    if (m.Sequence != sequence)
                        continue;
                    if (m.Type == NetlinkConstants.NlmsgDone)
                        return links;
                    if (m.Type == NetlinkConstants.NlmsgError)
                        throw new NetlinkException(m.Error, "RTM_GETLINK dump");
                    if (m.Type == NetlinkConstants.RtmNewLink && LinkInfo.TryParse(m.Payload.Span) is { } link)
                        links.Add(link);
                }
            }
        }
    }

    private bool Request(Func<uint, byte[]> encode, int benignErrno)
    {
        lock (_lock)
        {
            var sequence = ++_sequence;
            _socket.Send(encode(sequence));
            while (true)
            {
                var n = _socket.Receive(_receive);
                foreach (var m in NetlinkMessage.ReadAll(_receive.AsMemory(0, n)))
                {
                    if (m.Type != NetlinkConstants.NlmsgError || m.Sequence != sequence)
                        continue;
                    if (m.Error == 0)
                        return true;
                    if (m.Error == benignErrno)
                        return false;
                    throw new NetlinkException(m.Error, "rtnetlink request refused");
                }
            }
        }
    }

    public void Dispose() => _socket.Dispose();
}
