using System.CommandLine;
using FederatedPlatform.Cli;

// Ctrl-C cancels the running command; hub, node and demo then stop their servers in order, which takes
// longer than System.CommandLine's default grace period.
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
return await FedplatCli.Create(CliEnvironment.System()).Parse(args).InvokeAsync(configuration);
