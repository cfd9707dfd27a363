using FederatedPlatform.Catalog.Storage.Internal.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FederatedPlatform.Catalog.Storage.Internal.Configurations;

internal sealed class CredentialRowConfiguration : IEntityTypeConfiguration<CredentialRow>
{
    public void Configure(EntityTypeBuilder<CredentialRow> builder)
    {
        builder.ToTable("credentials");
        builder.HasKey(c => c.CredentialId);
        builder.Property(c => c.CredentialId).HasColumnName("credential_id");
        builder.Property(c => c.Role).HasColumnName("role");
        builder.Property(c => c.CenterId).HasColumnName("center_id");
        builder.Property(c => c.Description).HasColumnName("description");
        builder.Property(c => c.SecretHash).HasColumnName("secret_hash");
        builder.Property(c => c.CreatedAt).HasColumnName("created_at");
        builder.Property(c => c.RevokedAt).HasColumnName("revoked_at");
        builder.HasIndex(c => c.CenterId).HasDatabaseName("ix_credentials_center_id");
    }
}
