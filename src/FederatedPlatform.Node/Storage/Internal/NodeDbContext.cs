using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;

namespace FederatedPlatform.Node.Storage.Internal;

/// <summary>The node's local store: own records, outbox, node state and the replica, in one SQLite file.</summary>
internal sealed class NodeDbContext(DbContextOptions<NodeDbContext> options) : DbContext(options)
{
    public DbSet<OwnRecordRow> OwnRecords => Set<OwnRecordRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<NodeStateRow> State => Set<NodeStateRow>();

    public DbSet<ReplicaRecordRow> Replica => Set<ReplicaRecordRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NodeDbContext).Assembly);
}
