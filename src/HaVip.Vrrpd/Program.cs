Console.Error.WriteLine("HaVip.Vrrpd: not built yet");
return 2;
