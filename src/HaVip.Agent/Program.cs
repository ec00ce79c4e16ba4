using System.Globalization;
using HaVip.Agent.Hosting;
using HaVip.Agent.Responder;

switch (args.FirstOrDefault())
{
    case "run":
        var options = AgentOptions.Parse(args[1..], out var error);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            return 2;
        }
        return await AgentHost.RunAsync(options);
    case "respond":
        var flags = Flags.Parse(args[1..]);
        var port = flags.TryGetValue("port", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : NameResponder.DefaultPort;
        return await NameResponder.RunAsync(flags.GetValueOrDefault("name") ?? Environment.MachineName, port);
    default:
        Console.Error.WriteLine("usage: HaVip.Agent run --host NAME --underlay IP --server URL|unix:PATH[,URL...] --key-file PATH [--metrics IP:PORT]");
        Console.Error.WriteLine("       HaVip.Agent respond --name NAME [--port 7000]");
        return 2;
}
