// xunit's global using brings Xunit.Record (its exception recorder); the catalog's Record is meant.
global using Record = FederatedPlatform.Contracts.V1.Record;
global using FederatedPlatform.Testing;
