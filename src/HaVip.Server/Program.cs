using HaVip.Server.Hosting;

var builder = WebApplication.CreateBuilder(CommandLine.Normalize(args));
builder.AddHaVipServer();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.MapHaVipServer();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
