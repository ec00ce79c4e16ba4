using HaVip.Domain.Accounts;
using HaVip.Domain.Errors;

namespace HaVip.Domain.Tests.Accounts;

public sealed class KeyRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    // creator rate, creator expiry (minutes from now; null: never), requested rate, requested expiry, refused fields
    [InlineData(null, null, 10_000, null, "")]
    [InlineData(50, null, 50, null, "")]
    [InlineData(50, null, 51, null, "rateLimitPerSecond")]
    [InlineData(50, null, null, null, "rateLimitPerSecond")]
    [InlineData(null, 60, null, 60, "")]
    [InlineData(null, 60, null, 30, "")]
    [InlineData(null, 60, null, 120, "expiresAt")]
    [InlineData(null, 60, null, null, "expiresAt")]
    [InlineData(50, 60, 100, null, "rateLimitPerSecond,expiresAt")]
    public void CheckWithinCreator_NothingAboveTheCreator(int? creatorRate, int? creatorMinutes, int? rate, int? minutes, string refused)
    {
        var errors = new ErrorCollector();

        KeyRules.CheckWithinCreator(new KeyGrant(creatorRate, At(creatorMinutes)), new KeyGrant(rate, At(minutes)), errors);

        Fields(errors).Should().Equal(refused.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(null, 120, "")]
    [InlineData(60, 30, "")]
    [InlineData(60, 60, "")]
    [InlineData(60, 120, "expiresAt")]
    [InlineData(-60, 1440, "expiresAt")]
    public void CheckExpiryChange_OnlyEarlier(int? currentMinutes, int requestedMinutes, string refused)
    {
        var errors = new ErrorCollector();

        KeyRules.CheckExpiryChange(At(currentMinutes), At(requestedMinutes)!.Value, errors);

        Fields(errors).Should().Equal(refused.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(null, 120, 120)]
    [InlineData(null, -120, 0)]
    [InlineData(60, -120, 0)]
    [InlineData(-60, -120, -60)]
    [InlineData(-60, 300, 300)]
    public void ExpiryFor_PastMeansNow_AndAnExpiredKeyKeepsItsTime(int? currentMinutes, int requestedMinutes, int expectedMinutes) =>
        KeyRules.ExpiryFor(At(currentMinutes), At(requestedMinutes)!.Value, Now).Should().Be(At(expectedMinutes));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10_000, true)]
    [InlineData(10_001, false)]
    public void CheckRateLimit_BoundForEveryone(int rate, bool accepted)
    {
        var errors = new ErrorCollector();

        KeyRules.CheckRateLimit(rate, errors);

        errors.HasErrors.Should().Be(!accepted);
    }

    [Theory]
    [InlineData(49, false)]
    [InlineData(50, true)]
    public void CheckKeyCount_TheLimitIsTheMostAnAccountHolds(int live, bool refused)
    {
        var errors = new ErrorCollector();

        KeyRules.CheckKeyCount(live, KeyRules.DefaultMaxKeysPerAccount, errors);

        errors.HasErrors.Should().Be(refused);
    }

    private static DateTime? At(int? minutesFromNow) => minutesFromNow is { } m ? Now.AddMinutes(m) : null;

    private static string[] Fields(ErrorCollector errors)
    {
        try
        {
            errors.ThrowIfAny();
            return [];
        }
        catch (DomainException e)
        {
            e.Errors.Should().OnlyContain(x => x.Code == ErrorCode.Forbidden);
            return e.Errors.Select(x => x.Field!).ToArray();
        }
    }
}
