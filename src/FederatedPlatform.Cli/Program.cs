using FederatedPlatform.Cli;

return await FedplatCli.Create(CliEnvironment.System()).Parse(args).InvokeAsync();
