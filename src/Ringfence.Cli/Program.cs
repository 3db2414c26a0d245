using Ringfence.Cli;

return CliApplication.Run(args, Console.In, Console.Out, Console.Error, TerminalWidth.Detect());
