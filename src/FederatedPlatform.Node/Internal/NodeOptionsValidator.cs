using FederatedPlatform.Catalog.Validation;
using Microsoft.Extensions.Options;

namespace FederatedPlatform.Node.Internal;

/// <summary>Checks <see cref="NodeOptions"/> at start, so a misconfigured node refuses to run with a clear message.</summary>
internal sealed class NodeOptionsValidator : IValidateOptions<NodeOptions>
{
    public ValidateOptionsResult Validate(string? name, NodeOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void EnsureValid(NodeOptions options)
    {
        var failures = Check(options);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(NodeOptions.SectionName, typeof(NodeOptions), failures);
        }
    }

    public static IReadOnlyList<string> Check(NodeOptions options)
    {
        var failures = new List<string>();
        try
        {
            options.Limits.EnsureValid();
            var reason = new RecordValidator(options.Limits).CheckCenterId(options.CenterId);
            if (reason is not null)
            {
                failures.Add($"Node:CenterId: {reason}");
            }
        }
        catch (InvalidOperationException e)
        {
            failures.Add($"Node:Limits: {e.Message}");
        }

        if (options.HubAddress is not null)
        {
            var addresses = HubClient.ParseAddresses(options.HubAddress);
            if (addresses.Count == 0)
            {
                failures.Add("Node:HubAddress: names no address");
            }

            foreach (var address in addresses)
            {
                if (!Uri.TryCreate(address, UriKind.Absolute, out var hub) || (hub.Scheme != Uri.UriSchemeHttp && hub.Scheme != Uri.UriSchemeHttps))
                {
                    failures.Add($"Node:HubAddress: '{address}' is not an http:// or https:// address");
                }
            }

            if (string.IsNullOrWhiteSpace(options.Token))
            {
                failures.Add("Node:Token: required when Node:HubAddress is set");
            }
        }

        if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"Node:ListenAddress: '{options.ListenAddress}' is not an IP address");
        }

        Require(failures, options.ListenPort is >= 0 and <= 65535, "Node:ListenPort: must be between 0 and 65535");
        Require(failures, options.MaxRequestBytes > 0, "Node:MaxRequestBytes: must be positive");
        Require(failures, options.MaxImportRecords > 0, "Node:MaxImportRecords: must be positive");
        Require(failures, options.PublishWindow is >= 1 and <= 100_000, "Node:PublishWindow: must be between 1 and 100000");
        Require(failures, options.ResyncPageSize is >= 1 and <= 10_000, "Node:ResyncPageSize: must be between 1 and 10000");
        Require(failures, options.ReplicaBatchSize is >= 1 and <= 100_000, "Node:ReplicaBatchSize: must be between 1 and 100000");
        Require(failures, options.ReplicaIndexInlineRecords >= 0, "Node:ReplicaIndexInlineRecords: must not be negative");
        Require(failures, options.HeartbeatInterval > TimeSpan.Zero, "Node:HeartbeatInterval: must be positive");
        Require(failures, options.DatabaseBusyTimeout >= TimeSpan.Zero, "Node:DatabaseBusyTimeout: must not be negative");
        Require(failures, options.ReconnectDelayMin > TimeSpan.Zero, "Node:ReconnectDelayMin: must be positive");
        Require(failures, options.ReconnectDelayMax >= options.ReconnectDelayMin, "Node:ReconnectDelayMax: must not be less than Node:ReconnectDelayMin");
        return failures;
    }

    private static void Require(List<string> failures, bool condition, string failure)
    {
        if (!condition)
        {
            failures.Add(failure);
        }
    }
}
