using System.Data.Common;
using System.Globalization;

namespace FederatedPlatform.Catalog.Storage.Internal;

/// <summary>Small ADO.NET helpers for the hand-written SQL of the hot paths.</summary>
internal static class CommandExtensions
{
    public static DbParameter Parameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Adds <c>@prefix0, @prefix1, …</c> and returns the list for an <c>IN (…)</c> clause.</summary>
    public static string InList<T>(this DbCommand command, string prefix, IReadOnlyList<T> values)
    {
        var names = new string[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            names[i] = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{i}");
            command.Parameter(names[i], values[i]);
        }

        return string.Join(", ", names);
    }

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken)
    {
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static long? NullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static int? NullableInt32(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    public static string? NullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
