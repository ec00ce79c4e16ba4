using HaVip.Cli.Tests.Fixtures;
using HaVip.Contracts.Api;

namespace HaVip.Cli.Tests.Commands;

/// <summary>
/// `havip key|account|audit …` and key enforcement, written against the accounts/keys/audit
/// contract (HaVip.Contracts.Api.Accounts). They pass once the server implements it.
/// </summary>
public sealed class KeyCommandTests(ServerFixture server)
{
    private readonly CliRunner _admin = new(server.Address);

    [Fact]
    public async Task Account_CreateListShow_TablesAndJson()
    {
        var table = await _admin.RunAsync("account", "create", "--name", "acme");
        table.ExitCode.Should().Be(0, table.ToString());
        table.Out.Should().Contain("acme");

        var accounts = await _admin.JsonAsync<Page<AccountDto>>("account", "list", "--all");
        var acme = accounts.Items.Should().ContainSingle(a => a.Name == "acme").Subject;
        (await _admin.JsonAsync<AccountDto>("account", "show", acme.Id)).Should().Be(acme);
        (await _admin.RunAsync("account", "list")).Out.Should().Contain(acme.Id);
    }

    [Fact]
    public async Task Key_Create_ShowsTheSecretOnceAndTheSecretWorks()
    {
        var account = await _admin.JsonAsync<AccountDto>("account", "create", "--name", "tenant-a");

        var table = await _admin.RunAsync("key", "create", "--name", "ci", "--account", account.Id);
        var created = await _admin.JsonAsync<CreatedApiKeyDto>("key", "create", "--name", "ci-json", "--account", account.Id);

        table.ExitCode.Should().Be(0, table.ToString());
        table.Out.Should().Contain("secret:").And.Contain("not shown again");
        created.Key.Should().BeEquivalentTo(new { Name = "ci-json", AccountId = account.Id, Role = KeyRole.Tenant });
        created.Secret.Should().StartWith(created.Key.Prefix);
        var tenant = new CliRunner(server.Address, created.Secret);
        (await tenant.RunAsync("vip", "list")).ExitCode.Should().Be(0);
        var shown = await _admin.RunAsync("key", "show", created.Key.Id);
        shown.Out.Should().Contain(created.Key.Prefix).And.NotContain(created.Secret);
    }

    [Fact]
    public async Task Key_ListByAccount_ListsItsKeysWithoutSecrets()
    {
        var account = await _admin.JsonAsync<AccountDto>("account", "create", "--name", "tenant-b");
        var created = await _admin.JsonAsync<CreatedApiKeyDto>("key", "create", "--name", "listed", "--account", account.Id);

        var keys = await _admin.JsonAsync<Page<ApiKeyDto>>("key", "list", "--account", account.Id);
        var table = await _admin.RunAsync("key", "list", "--account", account.Id);

        keys.Items.Should().ContainSingle().Which.Id.Should().Be(created.Key.Id);
        table.Out.Should().Contain("listed").And.Contain(created.Key.Prefix).And.NotContain(created.Secret);
    }

    [Fact]
    public async Task Key_Expire_TheKeyStopsWorking()
    {
        var account = await _admin.JsonAsync<AccountDto>("account", "create", "--name", "tenant-c");
        var created = await _admin.JsonAsync<CreatedApiKeyDto>("key", "create", "--name", "short", "--account", account.Id);

        var expired = await _admin.JsonAsync<ApiKeyDto>("key", "expire", created.Key.Id);

        expired.ExpiresAt.Should().NotBeNull();
        var refused = await new CliRunner(server.Address, created.Secret).RunAsync("vip", "list");
        refused.ExitCode.Should().Be(1);
        refused.Error.Should().Contain("Unauthorized");
    }

    [Fact]
    public async Task Key_Revoke_TheKeyStopsWorking()
    {
        var account = await _admin.JsonAsync<AccountDto>("account", "create", "--name", "tenant-d");
        var created = await _admin.JsonAsync<CreatedApiKeyDto>("key", "create", "--name", "gone", "--account", account.Id);

        var revoked = await _admin.RunAsync("key", "revoke", created.Key.Id);

        revoked.ExitCode.Should().Be(0, revoked.ToString());
        revoked.Out.Should().Contain($"revoked {created.Key.Id}");
        (await _admin.JsonAsync<ApiKeyDto>("key", "show", created.Key.Id)).RevokedAt.Should().NotBeNull();
        (await new CliRunner(server.Address, created.Secret).RunAsync("vip", "list")).Error.Should().Contain("Unauthorized");
    }

    [Fact]
    public async Task Request_WithoutKey_PrintsUnauthorizedAndExits1()
    {
        var result = await new CliRunner(server.Address, key: null).RunAsync("vip", "list");

        result.ExitCode.Should().Be(1);
        result.Error.Should().Contain("Unauthorized").And.Contain("401").And.Contain("no key was sent");
    }

    [Fact]
    public async Task Audit_List_ShowsChangesMadeThroughTheApi()
    {
        var account = await _admin.JsonAsync<AccountDto>("account", "create", "--name", "audited");

        var entries = await _admin.JsonAsync<Page<AuditEntryDto>>("audit", "list", "--page-size", "100");
        var table = await _admin.RunAsync("audit", "list", "--page-size", "100");

        entries.Items.Should().Contain(e => e.Method == "POST" && e.Path.StartsWith("/v1/accounts") && e.StatusCode == 201);
        table.Out.Should().Contain("/v1/accounts");
        account.Id.Should().NotBeNullOrEmpty();
    }
}
