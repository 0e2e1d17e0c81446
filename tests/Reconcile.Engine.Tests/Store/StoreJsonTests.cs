using System.Text;
using System.Text.Json;
using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class StoreJsonTests
{
    private static readonly EscrowAccount A = S.Account("6001");

    private static RunCommitted Sample()
    {
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        AccountDayResult r1 = S.Result(A, S.D1, 100, [x], cleared: ["D-old"], open: [S.BankItem("6001", "X1", 5_00, S.D1)]);
        AccountDayResult r2 = S.Result(S.Account("6002"), S.D1, 200);
        return new RunCommitted(S.Run("R1", S.D1, "h", [r1, r2]), [r1, r2],
            new RunCaseEffects(Instant.FromUtc(2024, 3, 2, 1, 2, 3), [x.Id], [], ["D-old"], []));
    }

    [Fact]
    public void A_run_record_reads_back_equal()
    {
        RunCommitted ev = Sample();

        RunCommitted back = StoreJson.FromUtf8<RunCommitted>(StoreJson.ToUtf8(ev));

        back.Should().BeEquivalentTo(ev, o => o.RespectingRuntimeTypes());
        back.Results[0].Next.OpenItems[0].BankLine!.TransactionTime.Should().Be(new LocalDateTime(2024, 3, 1, 10, 30));
    }

    [Fact]
    public void The_parallel_run_writer_gives_the_bytes_of_the_plain_serializer()
    {
        RunCommitted ev = Sample();

        StoreJson.ToUtf8(ev).Should().Equal(JsonSerializer.SerializeToUtf8Bytes(ev, StoreJson.Options));
    }

    [Fact]
    public void Values_are_written_as_fen_iso_text_and_names_without_derived_properties()
    {
        string json = Encoding.UTF8.GetString(StoreJson.ToUtf8(S.BankItem("6001", "X1", 5_00, S.D1)));

        json.Should().Contain("\"Amount\":500").And.Contain("\"FirstSeen\":\"2024-03-01\"").And.Contain("\"Direction\":\"IN\"")
            .And.Contain("\"TransactionTime\":\"2024-03-01T10:30:00\"");
        json.Should().NotContain("Signed").And.NotContain("\"SubAccountNo\":null");
    }

    [Fact]
    public void A_large_record_is_compressed_and_reads_back()
    {
        RunCommitted ev = Sample() with { Results = Enumerable.Range(0, 50).Select(i => S.Result(S.Account("7" + i), S.D1, i)).ToList() };
        byte[] json = StoreJson.ToUtf8(ev);

        ChainRecord record = ChainRecord.Create(StoreEventKind.RunCommitted, 7, "R1", json, ChainRecord.GenesisHash);
        ChainRecord parsed = ChainRecord.Parse(record.Bytes);

        parsed.Codec.Should().Be(1);
        parsed.Bytes.Length.Should().BeLessThan(json.Length / 3);
        parsed.HashMatches().Should().BeTrue();
        (parsed.Kind, parsed.SequenceNr, parsed.Id).Should().Be((StoreEventKind.RunCommitted, 7L, "R1"));
        parsed.Json().Should().Equal(json);
    }

    [Fact]
    public void A_case_event_reads_back_equal()
    {
        var ev = new CaseEventRecorded(
            new CaseEvent("D-1", CaseEventKind.RESOLVED, Instant.FromUtc(2024, 3, 2, 1, 0), "李四", "note", ResolutionReason.REFUNDED, null, null),
            "6001", new ResolutionEffect(S.D2, S.State(A, S.D2, 100)));

        StoreJson.FromUtf8<CaseEventRecorded>(StoreJson.ToUtf8(ev)).Should().BeEquivalentTo(ev);
    }
}
