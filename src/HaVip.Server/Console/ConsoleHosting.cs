using HaVip.Server.Console.Data;
using HaVip.Server.Console.Login;
using HaVip.Server.Http;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using MudBlazor;
using MudBlazor.Services;

namespace HaVip.Server.Console;

/// <summary>The web console: Blazor interactive server components on the same services as the API.</summary>
internal static class ConsoleHosting
{
    public static WebApplicationBuilder AddHaVipConsole(this WebApplicationBuilder builder)
    {
        // Outside Development the files of packages (MudBlazor's CSS and JS) are only found through
        // the build's manifest when asked for; a published app has them in wwwroot and no manifest.
        StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Bottom right: toasts never cover the page's action buttons.
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        builder.Services.AddScoped<ConsoleOps>();
        return builder;
    }

    public static WebApplication MapHaVipConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapConsoleLogin();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(Policies.Console);
        return app;
    }
}
