// xunit's global using brings Xunit.Record (its exception recorder); the catalog's Record is meant.
global using FederatedPlatform.Testing;
global using Record = FederatedPlatform.Contracts.V1.Record;

// Every test starts a hub and several nodes on two shared cores: one federation at a time keeps the
// timings far from the bounds without slowing the suite much.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
