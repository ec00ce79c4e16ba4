namespace HaVip.Vrrp.Machine;

public sealed partial class VrrpRouter
{
    /// <summary>RFC 5798 section 6.4.1; a failed weight-0 track starts us in FAULT (keepalived).</summary>
    private void OnStart()
    {
        if (State != VrrpState.Initialize)
            return;
        if (_tracks.IsFaulted)
            EnterFault();
        else
            Elect(TransitionReason.Startup);
    }

    private void Elect(TransitionReason reason)
    {
        MasterAdverInterval = _options.AdvertisementInterval;
        if (Priority == 255)
            BecomeMaster(reason == TransitionReason.Startup ? TransitionReason.AddressOwner : reason);
        else
            BecomeBackup(reason);
    }

    /// <summary>RFC 5798 sections 6.4.2 and 6.4.3: a master advertises priority 0 so backups take over after Skew_Time.</summary>
    private void OnShutdown()
    {
        if (State == VrrpState.Initialize)
            return;
        var from = State;
        StopTimers();
        Emit(new StateChanged(from, VrrpState.Initialize, TransitionReason.Shutdown));
        State = VrrpState.Initialize;
        if (from == VrrpState.Master)
        {
            SendAdvert(0);
            ReleaseAddresses();
        }

        Emit(new RunNotify(NotifyKind.Stop, Priority));
    }

    private void OnTrackChanged(TrackChanged t)
    {
        if (_tracks.Set(t.Kind, t.Name, t.Up))
            OnTracksChanged();
    }

    private void OnTrackFileRead(TrackFileRead f)
    {
        if (_tracks.SetFile(f.Name, f.Value))
            OnTracksChanged();
    }

    private void OnTracksChanged()
    {
        if (_tracks.IsFaulted && State is VrrpState.Backup or VrrpState.Master)
            EnterFault();
        else if (!_tracks.IsFaulted && State == VrrpState.Fault)
            Elect(TransitionReason.TrackRecovered);

        // A priority change alone needs no action: the next advert carries it (keepalived does the same).
    }

    /// <summary>
    /// keepalived vrrp_sync.c: members of a sync group move together. A backup follows only when
    /// it hears no master of its own (keepalived waits for that too), so a group never flaps.
    /// </summary>
    private void OnSyncGroup(SyncGroupTransition t)
    {
        if (t.To == VrrpState.Backup && State == VrrpState.Master)
            BecomeBackup(TransitionReason.SyncGroup);
        else if (t.To == VrrpState.Master && State == VrrpState.Backup && !_masterHeard)
            BecomeMaster(TransitionReason.SyncGroup);
    }

    /// <summary>RFC 5798 section 6.4.2 "transition to Master": advertise, take the addresses, announce them.</summary>
    private void BecomeMaster(TransitionReason reason)
    {
        Emit(new StateChanged(State, VrrpState.Master, reason));
        State = VrrpState.Master;
        StopTimers();
        SendAdvert(Priority);
        Emit(new AddVirtualAddresses(_ownedAddresses));
        if (_options.VirtualRoutes.Count > 0)
            Emit(new AddVirtualRoutes(_options.VirtualRoutes));
        if (_options.VirtualRules.Count > 0)
            Emit(new AddVirtualRules(_options.VirtualRules));
        SendGarp(_options.Garp.MasterRepeat, GarpReason.BecameMaster);
        Emit(new RunNotify(NotifyKind.Master, Priority));
        _adverTimer = Now + _options.AdvertisementInterval.Ticks;
        _garpDelayTimer = After(_options.Garp.MasterDelay);
        _garpRefreshTimer = After(_options.Garp.MasterRefresh);
    }

    /// <summary>RFC 5798 sections 6.4.1 and 6.4.3 "transition to Backup" with Master_Down_Timer set.</summary>
    private void BecomeBackup(TransitionReason reason)
    {
        var from = State;
        Emit(new StateChanged(from, VrrpState.Backup, reason));
        State = VrrpState.Backup;
        _masterHeard = false;
        StopTimers();
        if (from == VrrpState.Master)
            ReleaseAddresses();
        Emit(new RunNotify(NotifyKind.Backup, Priority));
        _masterDownTimer = Now + MasterDownInterval.Ticks;
    }

    /// <summary>keepalived FAULT: a master gives up with a priority-0 advert so a backup takes over at once.</summary>
    private void EnterFault()
    {
        var from = State;
        Emit(new StateChanged(from, VrrpState.Fault, _tracks.IsOwnFaulted ? TransitionReason.TrackFailed : TransitionReason.SyncGroup));
        State = VrrpState.Fault;
        StopTimers();
        if (from == VrrpState.Master)
        {
            SendAdvert(0);
            ReleaseAddresses();
        }

        Emit(new RunNotify(NotifyKind.Fault, Priority));
    }

    private void ReleaseAddresses()
    {
        if (_options.VirtualRules.Count > 0)
            Emit(new RemoveVirtualRules(_options.VirtualRules));
        if (_options.VirtualRoutes.Count > 0)
            Emit(new RemoveVirtualRoutes(_options.VirtualRoutes));
        Emit(new RemoveVirtualAddresses(_ownedAddresses));
    }

    private void StopTimers()
    {
        _adverTimer = _masterDownTimer = _garpDelayTimer = _garpRefreshTimer = _lowerPriorityGarpTimer = _reannounceTimer = NotRunning;
        _preemptDeadline = NotRunning;
    }
}
