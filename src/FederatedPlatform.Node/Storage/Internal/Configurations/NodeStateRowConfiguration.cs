using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Node.Storage.Internal.Configurations;

internal sealed class NodeStateRowConfiguration : IEntityTypeConfiguration<NodeStateRow>
{
    public void Configure(EntityTypeBuilder<NodeStateRow> builder)
    {
        builder.ToTable("node_state");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(s => s.CenterId).HasColumnName("center_id");
        builder.Property(s => s.ProducerEpoch).HasColumnName("producer_epoch");
        builder.Property(s => s.LastSeq).HasColumnName("last_seq");
        builder.Property(s => s.AckedSeq).HasColumnName("acked_seq");
        builder.Property(s => s.ReplicaCursor).HasColumnName("replica_cursor");
        builder.Property(s => s.ReplicaGeneration).HasColumnName("replica_generation");
        builder.Property(s => s.SchemaVersion).HasColumnName("schema_version");
    }
}
