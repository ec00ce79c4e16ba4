using System.CommandLine;
using HaVip.Vrrpd.Cli;

var root = HavipdCommand.Create();
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
