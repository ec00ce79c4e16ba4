Console.Error.WriteLine("HaVip.Agent: not built yet");
return 2;
