using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;

namespace HaVip.Domain.Tests.Accounts;

/// <summary>A key's own rules: renaming, moving its expiry, revoking and recording its use happen only through the key.</summary>
public sealed class ApiKeyTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static ApiKey Key(DateTime? expiresAt = null) =>
        new() { Id = "key-1", Name = "ci", AccountId = "acc-1", Prefix = "hv_abcd", Hash = "h", ExpiresAt = expiresAt, CreatedAt = Now.AddDays(-1) };

    [Fact]
    public void Rename_TrimsAValidName_AndRefusesAnEmptyOne_KeepingTheOld()
    {
        var key = Key();
        key.Rename("  deploy  ");
        key.Name.Should().Be("deploy");

        var refused = () => key.Rename("   ");
        refused.Should().Throw<DomainException>().Which.Errors.Should().ContainSingle(e => e.Code == ErrorCode.InvalidParameter);
        key.Name.Should().Be("deploy");
    }

    [Fact]
    public void ChangeExpiry_ATenantBringsItForwardOnly_AnAdminAlsoExtends()
    {
        var key = Key(expiresAt: Now.AddHours(2));
        key.ChangeExpiry(Now.AddHours(1), Now, byAdmin: false);
        key.ExpiresAt.Should().Be(Now.AddHours(1));

        var extend = () => key.ChangeExpiry(Now.AddHours(3), Now, byAdmin: false);
        extend.Should().Throw<DomainException>().Which.Errors.Should().ContainSingle(e => e.Code == ErrorCode.Forbidden && e.Field == "expiresAt");
        key.ExpiresAt.Should().Be(Now.AddHours(1));

        key.ChangeExpiry(Now.AddHours(3), Now, byAdmin: true);
        key.ExpiresAt.Should().Be(Now.AddHours(3));
        // A time in the past expires the key now, by the server's clock.
        key.ChangeExpiry(Now.AddHours(-5), Now, byAdmin: false);
        key.ExpiresAt.Should().Be(Now);
        key.IsActive(Now).Should().BeFalse();
    }

    [Fact]
    public void Revoke_IsFinal_AtTheFirstRevocationsTime()
    {
        var key = Key();
        key.Revoke(Now);
        key.Revoke(Now.AddMinutes(5));
        key.RevokedAt.Should().Be(Now);
        key.IsActive(Now.AddMinutes(-1)).Should().BeFalse();
    }

    [Fact]
    public void RecordUse_KeepsTheLastUseToTheMinute()
    {
        var key = Key();
        key.RecordUse(Now).Should().BeTrue();
        key.RecordUse(Now + ApiKey.UsageResolution - TimeSpan.FromSeconds(1)).Should().BeFalse();
        key.LastUsedAt.Should().Be(Now);
        key.RecordUse(Now + ApiKey.UsageResolution).Should().BeTrue();
        key.LastUsedAt.Should().Be(Now + ApiKey.UsageResolution);
    }
}
