using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Node.Storage.Internal.Configurations;

internal sealed class ReplicaRecordRowConfiguration : IEntityTypeConfiguration<ReplicaRecordRow>
{
    public void Configure(EntityTypeBuilder<ReplicaRecordRow> builder)
    {
        builder.ToTable("replica_records");
        builder.HasKey(r => new { r.CenterId, r.LocalId });
        builder.Property(r => r.CenterId).HasColumnName("center_id").UseCollation("BINARY");
        builder.Property(r => r.LocalId).HasColumnName("local_id").UseCollation("BINARY");
        builder.Property(r => r.Version).HasColumnName("version");
        builder.Property(r => r.Deleted).HasColumnName("deleted");
        builder.Property(r => r.Kind).HasColumnName("kind");
        builder.Property(r => r.Sector).HasColumnName("sector");
        builder.Property(r => r.Country).HasColumnName("country");
        builder.Property(r => r.Payload).HasColumnName("payload");
        builder.Property(r => r.Generation).HasColumnName("generation");

        // The snapshot sweep deletes by generation.
        builder.HasIndex(r => r.Generation).HasDatabaseName("ix_replica_generation");
    }
}
