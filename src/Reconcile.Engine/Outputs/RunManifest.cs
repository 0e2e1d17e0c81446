using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Outputs;

/// <summary>An output file of a run with its SHA-256 (hex, lower case) and data row count (null for JSON).</summary>
public sealed record OutputFile(string Name, string Sha256, long? Rows);

/// <summary>
/// A partition (bank × escrow type) whose rows a subset re-run kept from the day's folder: the run that wrote them and
/// that run's inputs hash (its input files are in its run record in the store).
/// </summary>
public sealed record KeptPartition(Bank Bank, EscrowType Type, string RunId, string InputsHash);

/// <summary>manifest.json: which inputs (by checksum) produced which outputs, in which run, with which engine and store.</summary>
/// <param name="Committed">False when this run reused an earlier committed run of the same day, scope and inputs.</param>
/// <param name="AuditChainHead">The store's chain head once the run was committed (or reused): the last record's
/// sequence number and hash, published so `audit verify --anchors` catches a store cut back or rewritten after it.
/// Null for a store without a chain.</param>
/// <param name="Kept">The partitions outside a subset re-run's scope whose rows the day's files keep from earlier runs
/// of the day (empty for a run of every partition).</param>
/// <param name="RetentionDays">The retention window of the duplicate check across days (<c>--retention-days</c>).</param>
public sealed record RunManifest(
    string RunId,
    LocalDate BusinessDate,
    RunScope Scope,
    int TimingWindowDays,
    bool Committed,
    string InputsHash,
    string EngineVersion,
    string Store,
    IReadOnlyList<InputFile> Inputs,
    IReadOnlyList<OutputFile> Outputs,
    ChainHead? AuditChainHead = null,
    IReadOnlyList<KeptPartition>? Kept = null,
    int RetentionDays = Core.Reconciliation.ReconcileOptions.DefaultRetentionDays);
