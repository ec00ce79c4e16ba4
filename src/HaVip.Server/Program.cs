using HaVip.Server.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CommandLine.Normalize(args),
    // appsettings.json sits beside the binary; relative paths an operator passes (--data-dir)
    // stay relative to the directory the server was started from.
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddHaVipServer();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.MapHaVipServer();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
