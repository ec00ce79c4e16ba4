using Bunit;
using HaVip.Server.Access;
using HaVip.Server.Console.Data;
using HaVip.Server.Http;
using HaVip.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace HaVip.Server.Tests.Console;

/// <summary>
/// bunit on the real services: the components get a <see cref="ConsoleOps"/> over the server's own
/// service provider (a fresh SQLite database per test), so the rules they show are the server's.
/// </summary>
public sealed class ConsoleContext : IAsyncDisposable
{
    public ConsoleContext()
    {
        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.Services.AddMudServices();
        var keys = App.Services.GetRequiredService<KeyStore>();
        var admin = keys.AuthenticateAsync(TestKeys.Admin, CancellationToken.None).AsTask().GetAwaiter().GetResult()!;
        Bunit.Services.AddSingleton(sp => new ConsoleOps(
            App.Services.GetRequiredService<IServiceScopeFactory>(), new SignedIn(admin), keys, sp.GetRequiredService<NavigationManager>()));
    }

    public HaVipApp App { get; } = new();

    public ApiClient Api => App.Api;

    public BunitContext Bunit { get; } = new();

    /// <summary>Renders <typeparamref name="T"/> next to the providers MudBlazor's popovers and dialogs need.</summary>
    public IRenderedComponent<Bunit.Rendering.ContainerFragment> Render<T>()
        where T : IComponent =>
        Bunit.Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<T>(2);
            builder.CloseComponent();
        });

    /// <summary>The console signed in with the test admin key.</summary>
    private sealed class SignedIn(Caller caller) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(caller.ToPrincipal(AccessHosting.CookieScheme)));
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await App.DisposeAsync();
    }
}
