namespace HaVip.Vrrp.Config;

/// <summary>
/// Stable diagnostic codes. KA01xx syntax and includes, KA02xx structure, KA03xx values,
/// KA04xx cross-checks done once an instance is complete. Never renumber: tools match on them.
/// </summary>
public static class DiagnosticCodes
{
    public const string UnterminatedString = "KA0101";
    public const string UnexpectedCloseBrace = "KA0102";
    public const string UnclosedBlock = "KA0103";
    public const string UnexpectedOpenBrace = "KA0104";
    public const string IncludeNoMatch = "KA0105";
    public const string IncludeReadFailed = "KA0106";
    public const string IncludeTooDeep = "KA0107";
    public const string IncludeMissingPattern = "KA0108";

    public const string UnknownKeyword = "KA0201";
    public const string MissingArgument = "KA0202";
    public const string ExtraArgument = "KA0203";
    public const string BlockExpected = "KA0204";
    public const string UnexpectedBlock = "KA0205";
    public const string DuplicateName = "KA0206";
    public const string NotSupported = "KA0207";
    public const string LvsOutOfScope = "KA0208";

    public const string InvalidNumber = "KA0301";
    public const string InvalidIpAddress = "KA0302";
    public const string InvalidPriority = "KA0303";
    public const string InvalidVirtualRouterId = "KA0304";
    public const string InvalidAdvertInterval = "KA0305";
    public const string InvalidState = "KA0306";
    public const string InvalidVersion = "KA0307";
    public const string InvalidAuthType = "KA0308";
    public const string AuthPassTruncated = "KA0309";
    public const string UnknownRouteKeyword = "KA0310";
    public const string UnknownAddressOption = "KA0311";
    public const string InvalidWeight = "KA0312";
    public const string InvalidPrefix = "KA0313";
    public const string RouteOrDeprecated = "KA0314";
    public const string InsecureScript = "KA0315";
    public const string ScriptUserUnknown = "KA0316";
    public const string MissingInterfaceDevice = "KA0317";
    public const string RouteNotTracked = "KA0318";
    public const string InvalidVmacName = "KA0319";
    public const string InvalidStrictMode = "KA0320";
    public const string InvalidTtl = "KA0321";
    public const string InvalidRule = "KA0322";
    public const string AddressFamilyMismatch = "KA0323";
    public const string InvalidNftables = "KA0324";
    public const string VmacPrefixTwice = "KA0325";

    public const string MissingInterface = "KA0401";
    public const string MissingVirtualRouterId = "KA0402";
    public const string PeerEqualsSource = "KA0403";
    public const string UnknownTrackScript = "KA0404";
    public const string OwnerNoPreempt = "KA0405";
    public const string OwnerStateBackup = "KA0406";
    public const string AuthIgnoredV3 = "KA0407";
    public const string DuplicatePeer = "KA0408";
    public const string DuplicateVirtualRouterId = "KA0409";
    public const string OwnerIgnoresWeights = "KA0410";
    public const string UnknownSyncGroupMember = "KA0411";
    public const string SyncGroupTooSmall = "KA0412";
    public const string UnicastWithoutPeers = "KA0413";
    public const string VmacNameTaken = "KA0414";
    public const string VmacUnicastNeedsXmitBase = "KA0415";
    public const string VmacNameIsAnInterface = "KA0416";
    public const string StrictModeReset = "KA0417";
    public const string AcceptModeV2 = "KA0418";
    public const string UnicastTtlWithoutPeers = "KA0419";
    public const string PreemptDelayWithNopreempt = "KA0420";
    public const string VmacTwiceForAddress = "KA0431";
}
