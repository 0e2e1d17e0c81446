using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class StoreLocationTests
{
    [Fact]
    public void A_path_is_an_sqlite_file_made_absolute()
    {
        StoreLocation s = StoreLocation.Parse("data/store.db");

        s.Kind.Should().Be(StoreKind.Sqlite);
        s.SqlitePath.Should().Be(Path.GetFullPath("data/store.db"));
        s.Description.Should().Be("sqlite:" + Path.GetFullPath("data/store.db"));
    }

    [Fact]
    public void A_keyword_connection_string_is_postgresql_and_its_description_has_no_password()
    {
        StoreLocation s = StoreLocation.Parse("Host=db.internal;Port=5433;Database=recon;Username=u;Password=secret");

        s.Kind.Should().Be(StoreKind.PostgreSql);
        s.ConnectionString.Should().Be("Host=db.internal;Port=5433;Database=recon;Username=u;Password=secret");
        s.Description.Should().Be("postgresql://db.internal:5433/recon");
    }

    [Fact]
    public void A_postgres_url_becomes_a_keyword_connection_string()
    {
        StoreLocation s = StoreLocation.Parse("postgres://u%40x:p%3Bw@127.0.0.1:5432/recon?sslmode=disable");

        s.Kind.Should().Be(StoreKind.PostgreSql);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(s.ConnectionString);
        (b.Host, b.Port, b.Database, b.Username, b.Password, b.SslMode).Should().Be(("127.0.0.1", 5432, "recon", "u@x", "p;w", Npgsql.SslMode.Disable));
        s.Description.Should().Be("postgresql://127.0.0.1:5432/recon");
    }

    [Fact]
    public void Without_a_value_the_default_file_is_in_the_current_directory()
    {
        string? saved = Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, null);
            StoreLocation.Parse(null).SqlitePath.Should().Be(Path.GetFullPath("reconcile.db"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(StoreLocation.EnvironmentVariable, saved);
        }
    }
}
