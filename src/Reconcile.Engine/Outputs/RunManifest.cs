using NodaTime;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Outputs;

/// <summary>An output file of a run with its SHA-256 (hex, lower case) and data row count (null for JSON).</summary>
public sealed record OutputFile(string Name, string Sha256, long? Rows);

/// <summary>manifest.json: which inputs (by checksum) produced which outputs, in which run, with which engine and store.</summary>
/// <param name="Committed">False when this run reused an earlier committed run of the same day, scope and inputs.</param>
/// <param name="AuditChainHead">The store's chain head once the run was committed (or reused): the last record's
/// sequence number and hash, published so `audit verify --anchors` catches a store cut back or rewritten after it.
/// Null for a store without a chain.</param>
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
    ChainHead? AuditChainHead = null);
