using System.CommandLine;
using HaVip.Cli.Output;

namespace HaVip.Cli.Commands;

/// <summary>Bound instances, keepalived.conf and the timeline.</summary>
internal static partial class VipCommands
{
    private static Command Bind(ApiScope scope)
    {
        var id = VipId();
        var instance = new Argument<string>("instance") { Description = "Instance id to bind" };
        var command = new Command("bind", "Bind an instance to a HAVIP (at most 3)") { id, instance };
        var wait = new WaitOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
            await PrintAfterChangeAsync(call, wait, await call.Api.AddInstanceAsync(call.Get(id), call.Get(instance), ct), ct));
        return command;
    }

    private static Command Unbind(ApiScope scope)
    {
        var id = VipId();
        var instance = new Argument<string>("instance") { Description = "Instance id to unbind" };
        var command = new Command("unbind", "Unbind an instance from a HAVIP") { id, instance };
        var wait = new WaitOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
            await PrintAfterChangeAsync(call, wait, await call.Api.RemoveInstanceAsync(call.Get(id), call.Get(instance), ct), ct));
        return command;
    }

    private static Command Replace(ApiScope scope)
    {
        var id = VipId();
        var instances = new Argument<string[]>("instances") { Description = "The instances to bind instead (none unbinds all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("replace", "Replace the bound instances") { id, instances };
        var wait = new WaitOptions(command);
        ApiAction.Set(command, scope, async (call, ct) =>
            await PrintAfterChangeAsync(call, wait, await call.Api.ReplaceInstancesAsync(call.Get(id), call.Parse.GetValue(instances) ?? [], ct), ct));
        return command;
    }

    private static Command Keepalived(ApiScope scope)
    {
        var id = VipId();
        var instance = new Option<string>("--instance") { Description = "The bound instance the config is for", Required = true };
        var file = new Option<FileInfo?>("--out") { Description = "Write it to this file instead of stdout" };
        var command = new Command("keepalived", "The keepalived.conf for one bound instance") { id, instance, file };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            var config = await call.Api.KeepalivedAsync(call.Get(id), call.Get(instance), ct);
            if (call.Get(file) is not { } target)
            {
                call.Out.Raw(config);
                return 0;
            }
            await WritePrivateAsync(target.FullName, config, ct);
            call.Out.Note($"wrote {target.FullName}");
            return 0;
        });
        return command;
    }

    /// <summary>The config holds the VRRP auth_pass: a new file is readable by its owner only.</summary>
    private static async Task WritePrivateAsync(string path, string text, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(path, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteAsync(text.AsMemory(), ct);
    }

    private static Command Events(ApiScope scope)
    {
        var id = VipId();
        var command = new Command("events", "The HAVIP's timeline: status and master changes") { id };
        ApiAction.Set(command, scope, async (call, ct) =>
        {
            call.Out.Print(await call.Api.EventsAsync(call.Get(id), ct), HaVipTables.Events);
            return 0;
        });
        return command;
    }
}
