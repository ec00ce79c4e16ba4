Console.Error.WriteLine("HaVip.Cli: not built yet");
return 2;
