namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>Progress of one blob transfer: what, how many bytes so far, of how many.</summary>
public readonly record struct TransferProgress(string Blob, long Bytes, long Total);
