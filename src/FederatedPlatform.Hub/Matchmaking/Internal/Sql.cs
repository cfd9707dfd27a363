using System.Data.Common;
using System.Globalization;

namespace FederatedPlatform.Hub.Matchmaking.Internal;

/// <summary>Provider-neutral command helpers for the matchmaking tables.</summary>
internal static class Sql
{
    public static DbCommand Command(this DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public static DbParameter Parameter(this DbCommand command, string name, object? value = null)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static async Task<long> ScalarInt64Async(this DbCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
}
