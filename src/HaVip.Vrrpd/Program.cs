using HaVip.Vrrpd.Cli;

return await HavipdCommand.RunAsync(args);
