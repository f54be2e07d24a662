using LlmsTxt.Cli;

return await CliApp.RunAsync(args);
