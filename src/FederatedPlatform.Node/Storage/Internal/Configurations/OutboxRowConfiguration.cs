using FederatedPlatform.Node.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Node.Storage.Internal.Configurations;

internal sealed class OutboxRowConfiguration : IEntityTypeConfiguration<OutboxRow>
{
    public void Configure(EntityTypeBuilder<OutboxRow> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(o => o.Seq);

        // The node assigns sequence numbers itself (gap-free, in the change's transaction).
        builder.Property(o => o.Seq).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(o => o.LocalId).HasColumnName("local_id");
        builder.Property(o => o.Version).HasColumnName("version");
        builder.Property(o => o.Payload).HasColumnName("payload");
        builder.Property(o => o.State).HasColumnName("state");
        builder.Property(o => o.CreatedAt).HasColumnName("created_at");
        builder.Property(o => o.RejectionCode).HasColumnName("rejection_code");
        builder.Property(o => o.RejectionField).HasColumnName("rejection_field");
        builder.Property(o => o.RejectionReason).HasColumnName("rejection_reason");
        builder.Property(o => o.RejectedAt).HasColumnName("rejected_at");

        // ListRejected pages newest first; a resync rejection finds the change by record.
        builder.HasIndex(o => new { o.State, o.Seq }).HasDatabaseName("ix_outbox_state_seq");
        builder.HasIndex(o => new { o.LocalId, o.Version }).HasDatabaseName("ix_outbox_record");
    }
}
