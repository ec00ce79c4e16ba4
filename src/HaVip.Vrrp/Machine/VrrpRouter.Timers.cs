namespace HaVip.Vrrp.Machine;

public sealed partial class VrrpRouter
{
    private void RunTimer(DateTimeOffset due)
    {
        if (_masterDownTimer == due)
        {
            // RFC 5798 section 6.4.2: Master_Down_Timer fired.
            _masterDownTimer = null;
            BecomeMaster(TransitionReason.MasterDownTimerExpired);
        }
        else if (_adverTimer == due)
        {
            // RFC 5798 section 6.4.3: Adver_Timer fired: advertise and reset it.
            SendAdvert(Priority);
            _adverTimer = Now + _options.AdvertisementInterval;
        }
        else if (_garpDelayTimer == due)
        {
            _garpDelayTimer = null;
            SendGarp(_options.Garp.MasterRepeat, GarpReason.MasterDelay);
        }
        else if (_garpRefreshTimer == due)
        {
            SendGarp(_options.Garp.MasterRefreshRepeat, GarpReason.MasterRefresh);
            _garpRefreshTimer = Now + _options.Garp.MasterRefresh;
        }
        else if (_reannounceTimer == due)
        {
            _reannounceTimer = null;
            SendGarp(_options.Garp.MasterRepeat, GarpReason.Reannounce);
        }
        else
        {
            _lowerPriorityGarpTimer = null;
            SendGarp(_options.Garp.LowerPriorityRepeat, GarpReason.LowerPriorityDelay);
        }
    }
}
