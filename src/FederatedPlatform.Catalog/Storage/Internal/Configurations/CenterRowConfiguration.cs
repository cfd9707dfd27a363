using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Catalog.Storage.Internal.Configurations;

internal sealed class CenterRowConfiguration : IEntityTypeConfiguration<CenterRow>
{
    public void Configure(EntityTypeBuilder<CenterRow> builder)
    {
        builder.ToTable("centers");
        builder.HasKey(c => c.CenterId);
        builder.Property(c => c.CenterId).HasColumnName("center_id");
        builder.Property(c => c.NamesJson).HasColumnName("names_json");
        builder.Property(c => c.Country).HasColumnName("country");
        builder.Property(c => c.RegisteredAt).HasColumnName("registered_at");
        builder.Property(c => c.ProducerEpoch).HasColumnName("producer_epoch");
        builder.Property(c => c.AppliedSeq).HasColumnName("applied_seq");
        builder.Property(c => c.ReportedSeq).HasColumnName("reported_seq");
        builder.Property(c => c.RejectedCount).HasColumnName("rejected_count");
        builder.Property(c => c.LastSeen).HasColumnName("last_seen");
        builder.Property(c => c.ResyncActive).HasColumnName("resync_active");
        builder.Property(c => c.ResyncRequested).HasColumnName("resync_requested");
        builder.Property(c => c.ResyncReason).HasColumnName("resync_reason");
    }
}
