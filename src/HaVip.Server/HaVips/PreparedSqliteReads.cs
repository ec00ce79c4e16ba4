using System.Collections.Concurrent;
using System.Data;
using HaVip.Domain.HaVips;
using HaVip.Domain.Health;
using HaVip.Domain.Resources;
using HaVip.Storage;
using Microsoft.Data.Sqlite;

namespace HaVip.Server.HaVips;

/// <summary>
/// A HAVIP's GET on SQLite through statements compiled once. Microsoft.Data.Sqlite compiles a
/// command's SQL again for every new command (dotnet/efcore#14044), and EF makes a new command for
/// every query: in a profile of the keyed GET, SQLite parsing and planning its two statements was
/// about a fifth of the server's CPU. Here each read-only connection stays open with its two
/// commands prepared; a GET rents one, binds the id and the caller's account, and steps.
/// The SQL reads what <see cref="HaVipReads.ReadThroughEfAsync"/> reads through EF, with the same
/// account filter as the context's query filters; PreparedSqliteReadsTests holds them equal.
/// </summary>
public sealed class PreparedSqliteReads(DatabaseSettings settings) : IDisposable
{
    /// <summary>Open connections kept between GETs: more than the machine runs at once buys nothing.</summary>
    private static readonly int MaxIdle = Math.Max(4, Environment.ProcessorCount * 2);

    private readonly ConcurrentBag<Statements> _idle = [];
    private bool _disposed;

    public bool Enabled => settings.Provider == DatabaseProvider.Sqlite;

    /// <summary>The HAVIP <paramref name="id"/> as <paramref name="scope"/> sees it, or null.</summary>
    public HaVipView? Read(string id, AccountScope scope)
    {
        var statements = _idle.TryTake(out var idle) ? idle : Statements.Open(settings.ConnectionString);
        try
        {
            var view = statements.Read(id, scope);
            Return(statements);
            return view;
        }
        catch
        {
            // A connection that failed mid-read is not trusted again.
            statements.Dispose();
            throw;
        }
    }

    private void Return(Statements statements)
    {
        if (_disposed || _idle.Count >= MaxIdle)
        {
            statements.Dispose();
            return;
        }
        _idle.Add(statements);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var statements))
        {
            statements.Dispose();
        }
    }

    private sealed class Statements : IDisposable
    {
        private const string HaVipSql = """
            SELECT h.Name, h.Remark, h.Type, h.VpcId, h.SubnetId, h.IpAddress, h.Status, h.StatusReason,
                   h.MasterInstanceId, h.VirtualRouterId, h.CreatedAt, h.UpdatedAt, h.Version, b.InstanceId, b.CreatedAt
            FROM havips AS h
            LEFT JOIN havip_bindings AS b ON b.HaVipId = h.Id
            WHERE h.Id = $id AND ($all OR h.AccountId = $account)
            """;

        private const string AdvertsSql = """
            SELECT o.InstanceId, o.VirtualRouterId, o.Advertising, o.Version, o.Priority, o.AdvertIntervalMilliseconds, o.AuthType,
                   o.Addresses, o.MasterDownIntervalMicroseconds, o.StartedAt, o.ChangedAt, o.LastAdvertAt
            FROM instance_vrrp AS o
            WHERE o.InstanceId IN (SELECT n.InstanceId FROM nics AS n WHERE n.SubnetId = $subnet)
            """;

        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _havip;
        private readonly SqliteParameter _id;
        private readonly SqliteParameter _all;
        private readonly SqliteParameter _account;
        private readonly SqliteCommand _adverts;
        private readonly SqliteParameter _subnet;

        private Statements(SqliteConnection connection)
        {
            _connection = connection;
            _havip = Prepare(connection, HaVipSql);
            _id = _havip.Parameters.Add("$id", SqliteType.Text);
            _all = _havip.Parameters.Add("$all", SqliteType.Integer);
            _account = _havip.Parameters.Add("$account", SqliteType.Text);
            _adverts = Prepare(connection, AdvertsSql);
            _subnet = _adverts.Parameters.Add("$subnet", SqliteType.Text);
            // Compiled now, and kept by each command until it is disposed.
            _havip.Prepare();
            _adverts.Prepare();
        }

        public static Statements Open(string databaseFile)
        {
            // Read-only: this path can never write, whatever a future edit of its SQL says.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databaseFile,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            try
            {
                connection.Open();
                using (var pragma = connection.CreateCommand())
                {
                    // WAL readers wait for a checkpoint's brief lock instead of failing, as the writer's connections do.
                    pragma.CommandText = "PRAGMA busy_timeout=10000;";
                    pragma.ExecuteNonQuery();
                }
                return new Statements(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        public HaVipView? Read(string id, AccountScope scope)
        {
            _id.Value = id;
            _all.Value = scope.AllAccounts ? 1 : 0;
            _account.Value = (object?)scope.AccountId ?? DBNull.Value;
            HaVipReading? vip = null;
            var bindings = new List<HaVipBinding>(HaVipLimits.MaxInstancesPerHaVip);
            using (var row = _havip.ExecuteReader(CommandBehavior.SingleResult))
            {
                while (row.Read())
                {
                    vip ??= new HaVipReading(
                        id, row.GetString(0), row.GetString(1), Enum.Parse<SubnetType>(row.GetString(2)), row.GetString(3), row.GetString(4),
                        row.GetString(5), Enum.Parse<HaVipStatus>(row.GetString(6)), row.IsDBNull(7) ? null : row.GetString(7),
                        row.IsDBNull(8) ? null : row.GetString(8), row.GetInt32(9), Utc(row.GetDateTime(10)), Utc(row.GetDateTime(11)),
                        row.GetInt64(12), bindings);
                    if (!row.IsDBNull(13))
                    {
                        bindings.Add(new HaVipBinding { HaVipId = id, InstanceId = row.GetString(13), CreatedAt = Utc(row.GetDateTime(14)) });
                    }
                }
            }
            if (vip is null)
            {
                return null;
            }
            _subnet.Value = vip.SubnetId;
            var adverts = new List<VrrpObservation>();
            using (var row = _adverts.ExecuteReader(CommandBehavior.SingleResult))
            {
                while (row.Read())
                {
                    adverts.Add(InstanceVrrp.Observation(
                        row.GetString(0), row.GetInt32(1), row.GetBoolean(2), row.GetInt32(3), row.GetInt32(4), row.GetInt64(5), row.GetString(6),
                        row.GetString(7), row.GetInt64(8), Utc(row.GetDateTime(9)), Utc(row.GetDateTime(10)), Utc(row.GetDateTime(11))));
                }
            }
            return new HaVipView(vip, adverts);
        }

        /// <summary>Stored times are UTC (the context's converter writes them so).</summary>
        private static DateTime Utc(DateTime stored) => DateTime.SpecifyKind(stored, DateTimeKind.Utc);

        public void Dispose()
        {
            _havip.Dispose();
            _adverts.Dispose();
            _connection.Dispose();
        }
    }
}
