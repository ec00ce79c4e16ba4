namespace HaVip.Vrrp.Machine;

public sealed partial class VrrpRouter
{
    private void RunTimer(long due)
    {
        if (_masterDownTimer == due)
        {
            // RFC 5798 section 6.4.2: Master_Down_Timer fired.
            _masterDownTimer = NotRunning;
            BecomeMaster(TransitionReason.MasterDownTimerExpired);
        }
        else if (_adverTimer == due)
        {
            // RFC 5798 section 6.4.3: Adver_Timer fired: advertise and reset it.
            SendAdvert(Priority);
            _adverTimer = Now + _options.AdvertisementInterval.Ticks;
        }
        else if (_garpDelayTimer == due)
        {
            _garpDelayTimer = NotRunning;
            SendGarp(_options.Garp.MasterRepeat, GarpReason.MasterDelay);
        }
        else if (_garpRefreshTimer == due)
        {
            SendGarp(_options.Garp.MasterRefreshRepeat, GarpReason.MasterRefresh);
            _garpRefreshTimer = Now + _options.Garp.MasterRefresh.Ticks;
        }
        else if (_reannounceTimer == due)
        {
            _reannounceTimer = NotRunning;
            SendGarp(_options.Garp.MasterRepeat, GarpReason.Reannounce);
        }
        else
        {
            _lowerPriorityGarpTimer = NotRunning;
            SendGarp(_options.Garp.LowerPriorityRepeat, GarpReason.LowerPriorityDelay);
        }
    }
}
