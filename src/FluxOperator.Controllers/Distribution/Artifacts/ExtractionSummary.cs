namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>What an extraction produced: file and directory counts and the bytes written.</summary>
public sealed record ExtractionSummary(int Files, int Directories, long Bytes);
