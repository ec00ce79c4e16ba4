using System.Net;
using HaVip.Net;
using HaVip.Net.Vrrp;

namespace HaVip.Vrrp.Machine;

public sealed partial class VrrpRouter
{
    private void OnAdvert(AdvertReceived a)
    {
        if (Check(a) is { } reason)
        {
            Emit(new AdvertDiscarded(a.Source, a.Priority, reason));
            return;
        }

        if (State == VrrpState.Backup)
            BackupReceived(a);
        else
            MasterReceived(a);
    }

    /// <summary>The receive checks that need our configuration (RFC 3768 and 5798 section 7.1).</summary>
    private DropReason? Check(AdvertReceived a)
    {
        if (State is VrrpState.Initialize or VrrpState.Fault)
            return DropReason.NotListening;
        if (_options.Version == VrrpVersion.V2 && !string.Equals(a.AuthPassword, _options.AuthPassword, StringComparison.Ordinal))
            return DropReason.AuthMismatch;
        if (_options.Version == VrrpVersion.V2 && a.MaxAdverInterval != _options.AdvertisementInterval)
            return DropReason.AdvertIntervalMismatch;
        if (_options.CheckUnicastSource && !_options.UnicastPeers.Contains(a.Source))
            return DropReason.UnicastSourceNotPeer;
        if (!_options.SkipCheckAdvertAddresses && a.Priority != 255 && !SameAddresses(a.Addresses))
            return DropReason.AddressListMismatch;
        return null;
    }

    /// <summary>The same set of addresses (as a set: order and repeats aside), compared without allocating: a backup checks every advert.</summary>
    private bool SameAddresses(IReadOnlyList<IPAddress> theirs)
    {
        if (theirs.Count != _vipAddresses.Length)
            return false;
        for (var i = 0; i < theirs.Count; i++)
        {
            if (Array.IndexOf(_vipAddresses, theirs[i]) < 0)
                return false;
        }

        foreach (var ours in _vipAddresses)
        {
            if (!Contains(theirs, ours))
                return false;
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<IPAddress> addresses, IPAddress address)
    {
        for (var i = 0; i < addresses.Count; i++)
        {
            if (addresses[i].Equals(address))
                return true;
        }

        return false;
    }

    /// <summary>RFC 5798 section 6.4.2, with keepalived's nopreempt and preempt_delay.</summary>
    private void BackupReceived(AdvertReceived a)
    {
        if (a.Priority == 0)
        {
            // The master is leaving: take over after only Skew_Time, best priority first.
            _masterDownTimer = Now + SkewTime.Ticks;
            _masterHeard = false;
            return;
        }

        if (_options.NoPreempt || a.Priority >= Priority || PreemptDelayed())
        {
            _masterHeard = true;
            if (_options.Version == VrrpVersion.V3)
                MasterAdverInterval = a.MaxAdverInterval;
            _masterDownTimer = Now + MasterDownInterval.Ticks;
            return;
        }

        Emit(new AdvertDiscarded(a.Source, a.Priority, DropReason.LowerPriority));
    }

    private bool PreemptDelayed()
    {
        if (_options.PreemptDelay <= TimeSpan.Zero)
            return false;
        if (_preemptDeadline == NotRunning)
            _preemptDeadline = Now + _options.PreemptDelay.Ticks;
        return Now < _preemptDeadline;
    }

    /// <summary>RFC 5798 section 6.4.3, plus the re-announce on hearing a master we beat.</summary>
    private void MasterReceived(AdvertReceived a)
    {
        if (a.Priority == 0)
        {
            SendAdvert(Priority);
            _adverTimer = Now + _options.AdvertisementInterval.Ticks;
            return;
        }

        if (a.Priority > Priority || (a.Priority == Priority && Compare(a.Source, _options.PrimaryAddress) > 0))
        {
            if (_options.HigherPrioritySendAdvert)
                SendAdvert(Priority);
            if (_options.Version == VrrpVersion.V3)
                MasterAdverInterval = a.MaxAdverInterval;
            BecomeBackup(TransitionReason.HigherPriorityAdvert);
            return;
        }

        Emit(new AdvertDiscarded(a.Source, a.Priority, DropReason.LowerPriority));
        LowerPriorityMasterHeard();
    }

    private void LowerPriorityMasterHeard()
    {
        if (_options.ReannounceOnLowerPriorityMaster)
        {
            // Not in keepalived: answer at once so the loser yields now, not at our next timer,
            // and its gratuitous ARPs are overwritten by ours: now, and once more when it has
            // surely yielded (its own GARP may follow our first answer).
            SendAdvert(Priority);
            _adverTimer = Now + _options.AdvertisementInterval.Ticks;
            _reannounceTimer = Now + _options.AdvertisementInterval.Ticks;
        }

        var repeat = _options.Garp.LowerPriorityRepeat > 0 || !_options.ReannounceOnLowerPriorityMaster
            ? _options.Garp.LowerPriorityRepeat
            : _options.Garp.MasterRepeat;
        SendGarp(repeat, GarpReason.LowerPriorityAdvert);
        if (_options.Garp.LowerPriorityRepeat > 0)
            _lowerPriorityGarpTimer = After(_options.Garp.LowerPriorityDelay);
    }

    /// <summary>Unsigned, byte by byte: "greater primary IP address" of RFC 5798 section 6.4.3.</summary>
    private static int Compare(IPAddress x, IPAddress y)
    {
        var (a, b) = (x.GetAddressBytes(), y.GetAddressBytes());
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.AsSpan().SequenceCompareTo(b);
    }
}
